//! `erl`-style command line parsing.

use crate::emu_flags::{self, Effect};
use girder_runtime::boot::{BootArgs, BootCall, BootStep};
use std::path::PathBuf;

#[derive(Default)]
pub struct Config {
    pub pa: Vec<PathBuf>,
    pub pz: Vec<PathBuf>,
    /// `-s`, `-run` and `-eval`, in command-line order.
    pub steps: Vec<BootStep>,
    /// Every `-flag` with its values, for `init:get_arguments/0`.
    pub flags: Vec<(String, Vec<String>)>,
    pub schedulers: Option<usize>,
    pub dump_asm: bool,
    pub perf_map: bool,
    /// `+Jstats true`: print the JIT's counters at exit.
    pub jit_stats: bool,
    /// `+V`: print the emulator version and exit.
    pub version: bool,
    /// What Ctrl-C does (`+B`).
    pub brk: girder_runtime::io::brk::Mode,
    pub extra: Vec<String>,
    /// The arguments OTP's `init` receives (`GIRDER_BOOT=otp`): the
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
            "-s" | "-run" => {
                let v = values(&mut it);
                let mut v = v.into_iter();
                let Some(module) = v.next() else {
                    return Err(format!("{a} needs a module name"));
                };
                let function = v.next().unwrap_or_else(|| "start".to_string());
                let rest: Vec<String> = v.collect();
                let args = if rest.is_empty() {
                    BootArgs::None
                } else if a == "-s" {
                    BootArgs::Atoms(rest)
                } else {
                    BootArgs::Strings(rest)
                };
                c.steps.push(BootStep::Call(BootCall {
                    module,
                    function,
                    args,
                }));
            }
            "-eval" => match it.next() {
                Some(e) => c.steps.push(BootStep::Eval(e)),
                None => return Err("-eval needs an expression".to_string()),
            },
            "-extra" => {
                c.extra.extend(it.by_ref());
            }
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
                // erl passes unknown -flags to init (init:get_argument/1).
                let v = values(&mut it);
                c.flags.push((s[1..].to_string(), v));
            }
            _ => {
                // erl ignores stray plain arguments before -extra.
            }
        }
    }
    Ok(c)
}
