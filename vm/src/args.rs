//! `erl`-style command line parsing.

use crate::emu_flags::{self, Effect};
use std::path::PathBuf;

#[derive(Default)]
pub struct Config {
    pub pa: Vec<PathBuf>,
    pub pz: Vec<PathBuf>,
    pub schedulers: Option<usize>,
    pub dump_asm: bool,
    pub perf_map: bool,
    /// `+Jstats true`: print the JIT's counters at exit.
    pub jit_stats: bool,
    /// `+V`: print the emulator version and exit.
    pub version: bool,
    /// What Ctrl-C does (`+B`).
    pub brk: girder_runtime::io::brk::Mode,
    /// The arguments OTP's `init` receives: the
    /// command line without the emulator's `+` flags.
    pub init_args: Vec<String>,
}

/// `args` without the emulator flags (`+X` and the value each takes)
/// before `-extra`, as erlexec hands them to `init`.
fn init_args(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = args.iter().cloned().peekable();
    while let Some(a) = it.next() {
        if a == "-extra" {
            out.push(a);
            out.extend(it.by_ref());
            break;
        }
        if a.starts_with('+') {
            let peeked = it.peek().cloned();
            // An invalid flag is reported by `parse`.
            let _ = emu_flags::parse(&a, &mut || it.next(), &move || peeked.clone());
            continue;
        }
        out.push(a);
    }
    out
}

/// Parses the arguments after the program name.
pub fn parse(args: Vec<String>) -> Result<Config, String> {
    let mut c = Config {
        init_args: init_args(&args),
        ..Config::default()
    };
    let mut it = args.into_iter().peekable();
    // Values of a `-flag` run until the next argument starting with - or +.
    fn values(it: &mut std::iter::Peekable<std::vec::IntoIter<String>>) -> Vec<String> {
        let mut v = Vec::new();
        while let Some(a) = it.peek() {
            if a.starts_with('-') || a.starts_with('+') {
                break;
            }
            v.push(it.next().unwrap_or_default());
        }
        v
    }
    while let Some(a) = it.next() {
        match a.as_str() {
            "-noshell" | "-noinput" | "-nostick" => {}
            "-pa" => c.pa.extend(values(&mut it).into_iter().map(PathBuf::from)),
            "-pz" => c.pz.extend(values(&mut it).into_iter().map(PathBuf::from)),
            // Its expression is one argument, whatever it starts with.
            "-eval" => {
                it.next();
            }
            "-extra" => break,
            s if s.starts_with('+') => {
                let peeked = it.peek().cloned();
                let f = emu_flags::parse(s, &mut || it.next(), &move || peeked.clone())?;
                let v = f.value.as_deref().unwrap_or("");
                match f.effect {
                    Effect::Schedulers => {
                        if let Some((total, _online)) = emu_flags::pair(v, 1024) {
                            c.schedulers = Some(total as usize);
                        }
                    }
                    Effect::DumpAsm => c.dump_asm = v == "true",
                    Effect::PerfMap => c.perf_map = v != "false",
                    Effect::JitStats => c.jit_stats = v == "true",
                    Effect::Version => c.version = true,
                    Effect::Break => {
                        use girder_runtime::io::brk::Mode;
                        c.brk = match v {
                            "i" => Mode::Ignore,
                            "c" => Mode::ShellInterrupt,
                            _ => Mode::Off,
                        }
                    }
                    Effect::Ignored(_) => {}
                }
            }
            s if s.starts_with('-') => {
                // Init's own flags (`init:get_argument/1`): init reads
                // them from `init_args`.
                values(&mut it);
            }
            _ => {
                // erl ignores stray plain arguments before -extra.
            }
        }
    }
    Ok(c)
}
