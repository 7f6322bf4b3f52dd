//! `erl`-style command line parsing.

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
    pub extra: Vec<String>,
}

fn bool_flag(v: Option<String>, flag: &str) -> Result<bool, String> {
    match v.as_deref() {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        other => Err(format!(
            "bad value for {flag}: {}",
            other.unwrap_or("(missing)")
        )),
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: Vec<String>) -> Result<Config, String> {
    let mut c = Config::default();
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
            "+S" => {
                let v = it.next().unwrap_or_default();
                let n = v.split(':').next().unwrap_or("").parse::<usize>();
                match n {
                    Ok(n) if (1..=1024).contains(&n) => c.schedulers = Some(n),
                    _ => return Err(format!("bad number of schedulers: {v}")),
                }
            }
            "+JDdump" => c.dump_asm = bool_flag(it.next(), "+JDdump")?,
            "+JPperf" => c.perf_map = bool_flag(it.next(), "+JPperf")?,
            s if s.starts_with('+') => return Err(format!("unknown emulator flag {s}")),
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
