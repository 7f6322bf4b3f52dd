//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const OTP_ROOT: &str = "/usr/lib/erlang";

/// Every `.beam` under `<root>/lib/*/ebin`, sorted. Empty when the OTP
/// install is absent.
pub fn otp_beam_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let lib = Path::new(OTP_ROOT).join("lib");
    let Ok(apps) = std::fs::read_dir(&lib) else {
        return out;
    };
    for app in apps.flatten() {
        let Ok(files) = std::fs::read_dir(app.path().join("ebin")) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "beam") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The installed beam file of an OTP module (e.g. `"lists"`), if any.
pub fn otp_module(name: &str) -> Option<PathBuf> {
    let file = format!("{name}.beam");
    otp_beam_files()
        .into_iter()
        .find(|p| p.file_name().is_some_and(|f| f == file.as_str()))
}

/// Whether `erl` can be run.
pub fn have_erl() -> bool {
    Command::new("erl")
        .args(["-noshell", "-eval", "halt()."])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs an Erlang expression with `erl -noshell` and returns its stdout.
pub fn erl_eval(expr: &str) -> Option<String> {
    let out = Command::new("erl")
        .args(["-noshell", "-eval", expr])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

/// A small xorshift64 generator (deterministic, no crate).
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn byte(&mut self) -> u8 {
        (self.next() >> 24) as u8
    }
}
