//! Emulator flags: erl's `+X` arguments (erlexec hands them to the
//! emulator as `-X`). One declarative table says, for every flag erl 25
//! accepts, what its value must look like and what Girder does with it;
//! a flag not in the table, or a value erl would refuse, is an error with
//! erl's message and exit status 1.
//!
//! Values follow the emulator's rule: attached (`+P1024`) or the next
//! argument (`+P 1024`). Flags are matched by the longest name that
//! prefixes the argument (`+hmaxk` before `+hmax` before `+hms`).

/// What Girder does with a flag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Effect {
    /// `+S N[:M]`: schedulers.
    Schedulers,
    /// `+JDdump true|false`: write `Module.asm` listings.
    DumpAsm,
    /// `+JPperf true|false|map|dump`: write a perf map.
    PerfMap,
    /// `+Jstats true|false` (Girder's own): print the JIT's counters
    /// (modules loaded, functions compiled, compile time) at exit.
    JitStats,
    /// `+V`: print the emulator version and exit.
    Version,
    /// `+B[c|d|i]`: what Ctrl-C does (`io::brk`).
    Break,
    /// Accepted (the value is checked as erl checks it) and ignored; the
    /// reason is listed in docs/STATUS.md.
    Ignored(&'static str),
}

/// The shape of a flag's value.
#[derive(Clone, Copy, Debug)]
enum Value {
    /// No value: the argument must be exactly the flag.
    None,
    /// A value, attached or the next argument, checked by `Check`.
    Some(Check),
    /// `+B`, `+Bc`, `+Bd`, `+Bi`, `+B c` ...: an optional letter.
    Letter(&'static str),
    /// `+c`, `+ctrue`, `+c false`: an optional `true`/`false`.
    OptBool,
}

#[derive(Clone, Copy, Debug)]
enum Check {
    Any,
    Bool,
    /// An integer in `[min, max]`.
    Int(i64, i64),
    /// A positive integer (erl's `atoi(arg) > 0`).
    Positive,
    /// A non-negative integer (erl's `strtol(arg) >= 0`: text without
    /// leading digits is 0).
    NonNegative,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// `N`, `N:M`, `N:` or `:M` (`+S`, `+SDcpu`): see `pair`.
    Pair(i64),
    /// An integer in `[min, max]`, or `legacy`.
    IntOrLegacy(i64, i64),
    /// A word whose first letter is one of these (`+W w`).
    FirstOf(&'static str),
}

struct Spec {
    name: &'static str,
    value: Value,
    /// The start of erl's message for a bad value (`bad number of
    /// processes abc`).
    bad: &'static str,
    effect: Effect,
}

const fn flag(name: &'static str, value: Value, bad: &'static str, effect: Effect) -> Spec {
    Spec {
        name,
        value,
        bad,
        effect,
    }
}

const ONE_SCHED: &str = "one scheduler thread runs Erlang code";
const NO_THREADS: &str = "no async, dirty or poll threads of their own";
const NO_ALLOC: &str = "memory comes from the system allocator; erts_alloc tuning does not apply";
const NO_DIST: &str = "no distribution yet";
const WAIT: &str = "scheduler busy-wait and wake-up tuning has no counterpart";
const NO_BIND: &str = "scheduler threads are not bound to CPUs";
const BUSY: &[&str] = &["none", "very_short", "short", "medium", "long", "very_long"];
const WAKE: &[&str] = &["very_low", "low", "medium", "high", "very_high"];

use Check::*;
use Effect::*;
use Value::{Letter, None as NoValue, OptBool, Some as Val};

/// Every emulator flag of erl 25 (erl_init.c, erlexec.c, erl(1)).
#[rustfmt::skip]
const FLAGS: &[Spec] = &[
    flag("a", Val(Int(16, 8192)), "bad async thread stack size", Ignored(NO_THREADS)),
    flag("A", Val(Int(0, 1024)), "bad number of async threads", Ignored(NO_THREADS)),
    flag("B", Letter("cdi"), "", Break),
    flag("c", OptBool, "Invalid time correnction value:", Ignored("time correction is always on")),
    flag("C", Val(OneOf(&["no_time_warp", "single_time_warp", "multi_time_warp"])), "Invalid time warp mode", Ignored("time warp modes: no_time_warp behaviour always")),
    flag("d", NoValue, "", Ignored("girder never writes a core dump (crash dumps are written as with +d)")),
    flag("dcg", Val(Positive), "bad decentralized counter groups limit", Ignored(ONE_SCHED)),
    flag("ec", NoValue, "", Ignored("ETS tables are not compressed")),
    flag("e", Val(Int(0, i64::MAX)), "bad maximum number of ets tables", Ignored("no ETS table limit")),
    flag("fn", Val(OneOf(&["u", "uw", "ui", "ue", "a", "aw", "ai", "ae", "l"])), "bad type of warnings for wrongly coded filename:", Ignored("file names are UTF-8")),
    flag("hms", Val(Positive), "bad heap size", Ignored("heaps start at 233 words")),
    flag("hmbs", Val(Positive), "bad heap size", Ignored("no binary virtual heap")),
    flag("hmaxk", Val(Bool), "bad max heap kill", Ignored("use process_flag(max_heap_size, ...)")),
    flag("hmaxel", Val(Bool), "bad max heap error logger", Ignored("use process_flag(max_heap_size, ...)")),
    flag("hmax", Val(Int(0, (1 << 59) - 1)), "bad max heap size", Ignored("use process_flag(max_heap_size, ...)")),
    flag("hpds", Val(Positive), "bad initial process dictionary size", Ignored("dictionaries grow on demand")),
    flag("hmqd", Val(OneOf(&["on_heap", "off_heap"])), "Invalid message_queue_data flag:", Ignored("messages always live in their own fragments")),
    flag("IOp", Val(Positive), "bad number of pollsets", Ignored(NO_THREADS)),
    flag("IOt", Val(Positive), "bad number of poll threads", Ignored(NO_THREADS)),
    flag("IOPp", Val(Positive), "bad number of pollsets", Ignored(NO_THREADS)),
    flag("IOPt", Val(Positive), "bad number of poll threads", Ignored(NO_THREADS)),
    flag("IOs", Val(Bool), "bad I/O scheduling flag", Ignored(NO_THREADS)),
    flag("i", Val(Any), "", Ignored("the boot module is always init")),
    flag("JDdump", Val(Bool), "bad +JDdump flag", DumpAsm),
    flag("JPperf", Val(OneOf(&["true", "false", "dump", "map"])), "bad +JPperf support flag", PerfMap),
    flag("Jstats", Val(Bool), "bad +Jstats flag", JitStats),
    flag("K", Val(Bool), "bad kernel poll flag", Ignored("kernel poll is always used")),
    flag("L", NoValue, "", Ignored("line information is always loaded")),
    flag("M", Val(Any), "", Ignored(NO_ALLOC)),
    flag("n", Val(OneOf(&["s", "a", "d"])), "bad -n option", Ignored("ports are never busy: their signals are always handled at once")),
    flag("pc", Val(OneOf(&["latin1", "unicode"])), "bad range of printable characters", Ignored("printable range is latin1")),
    flag("P", Val(IntOrLegacy(1024, 134_217_727)), "bad number of processes", Ignored("the process table grows on demand")),
    flag("Q", Val(IntOrLegacy(1024, 134_217_727)), "bad number of ports", Ignored("the port table grows on demand")),
    flag("R", Val(Int(23, 25)), "Unsupported compatibility release", Ignored("behaves as release 25")),
    flag("rg", Val(Int(0, 64)), "bad reader groups limit", Ignored(ONE_SCHED)),
    flag("r", NoValue, "", Ignored("ETS memory is not moved on realloc")),
    flag("sbt", Val(OneOf(&["u", "ns", "ts", "ps", "s", "nnts", "nnps", "tnnps", "db"])), "bad scheduler bind type", Ignored(NO_BIND)),
    // "Try" bind type: as +sbt, but binding failures are not errors.
    flag("stbt", Val(OneOf(&["u", "ns", "ts", "ps", "s", "nnts", "nnps", "tnnps", "db"])), "bad scheduler bind type", Ignored(NO_BIND)),
    flag("sbwtdcpu", Val(OneOf(BUSY)), "bad scheduler busy wait threshold", Ignored(WAIT)),
    flag("sbwtdio", Val(OneOf(BUSY)), "bad scheduler busy wait threshold", Ignored(WAIT)),
    flag("sbwt", Val(OneOf(BUSY)), "bad scheduler busy wait threshold", Ignored(WAIT)),
    flag("scl", Val(Bool), "bad schedule compaction of load value", Ignored(ONE_SCHED)),
    flag("sct", Val(Any), "", Ignored(NO_BIND)),
    flag("ssrct", NoValue, "", Ignored(NO_BIND)),
    flag("secio", Val(Bool), "bad schedule eager check I/O value", Ignored(WAIT)),
    flag("sub", Val(Bool), "bad scheduler utilization balancing value", Ignored(ONE_SCHED)),
    flag("sws", Val(OneOf(&["default", "legacy"])), "bad scheduler wakeup strategy", Ignored(WAIT)),
    flag("swct", Val(OneOf(&["very_lazy", "lazy", "medium", "eager", "very_eager"])), "bad scheduler wake cleanup threshold", Ignored(WAIT)),
    flag("swtdcpu", Val(OneOf(WAKE)), "bad scheduler wakeup threshold", Ignored(WAIT)),
    flag("swtdio", Val(OneOf(WAKE)), "bad scheduler wakeup threshold", Ignored(WAIT)),
    flag("swt", Val(OneOf(WAKE)), "bad scheduler wakeup threshold", Ignored(WAIT)),
    flag("sssdcpu", Val(Int(20, 8192)), "bad dirty CPU scheduler stack size", Ignored(NO_THREADS)),
    flag("sssdio", Val(Int(20, 8192)), "bad dirty IO scheduler stack size", Ignored(NO_THREADS)),
    flag("sss", Val(Int(20, 8192)), "bad scheduler stack size", Ignored("the native stack does not grow with Erlang recursion")),
    flag("spp", Val(Bool), "bad port parallelism scheduling hint", Ignored("port I/O goes through one poll thread; no parallelism hint applies")),
    flag("sfwi", Val(NonNegative), "bad scheduler forced wakeup interval", Ignored(WAIT)),
    flag("SP", Val(Any), "bad schedulers percentage", Ignored(ONE_SCHED)),
    flag("SDPcpu", Val(Any), "bad dirty CPU schedulers percentage", Ignored(NO_THREADS)),
    flag("SDcpu", Val(Pair(1024)), "bad amount of dirty CPU schedulers", Ignored(NO_THREADS)),
    flag("SDio", Val(Int(1, 1024)), "bad number of dirty IO schedulers", Ignored(NO_THREADS)),
    flag("S", Val(Pair(1024)), "bad amount of schedulers", Schedulers),
    flag("t", Val(Int(8192, 2_147_483_647)), "bad atom table size", Ignored("the atom table grows on demand")),
    flag("T", Val(Int(0, 9)), "bad modified timing level", Ignored("no modified timing")),
    flag("V", NoValue, "", Version),
    flag("v", NoValue, "", Ignored("no chatty mode")),
    flag("W", Val(FirstOf("iwe")), "unrecognized warning_map option", Ignored("error_logger's warning map is always warning")),
    flag("zdbbl", Val(Int(1, 2_097_151)), "bad distribution buffer busy limit", Ignored(NO_DIST)),
    flag("zdntgc", Val(Any), "bad delayed node table gc", Ignored(NO_DIST)),
    flag("zosrl", Val(Int(1, 134_217_727)), "bad outstanding requests limit", Ignored("no system-process request limit")),
];

/// One parsed emulator flag.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    pub name: &'static str,
    pub value: Option<String>,
    pub effect: Effect,
}

/// Parses the emulator flag `arg` (starting with `+`), taking its value
/// from `next` when it is not attached. `Err` is erl's message.
pub fn parse(
    arg: &str,
    next: &mut dyn FnMut() -> Option<String>,
    peek: &dyn Fn() -> Option<String>,
) -> Result<Parsed, String> {
    let body = arg.strip_prefix('+').unwrap_or(arg);
    let spec = FLAGS
        .iter()
        .filter(|s| body.starts_with(s.name))
        .max_by_key(|s| s.name.len())
        .ok_or_else(|| format!("unknown flag {}", arg.replacen('+', "-", 1)))?;
    let rest = &body[spec.name.len()..];
    let value = match spec.value {
        NoValue if rest.is_empty() => None,
        NoValue => return Err(format!("unknown flag {}", arg.replacen('+', "-", 1))),
        Letter(letters) => {
            if !rest.is_empty() {
                if rest.len() == 1 && letters.contains(rest) {
                    Some(rest.to_string())
                } else {
                    return Err(format!("unknown flag {}", arg.replacen('+', "-", 1)));
                }
            } else {
                match peek() {
                    Some(n) if n.len() == 1 && letters.contains(n.as_str()) => next(),
                    _ => None,
                }
            }
        }
        OptBool => match rest {
            "" => match peek() {
                Some(n) if n == "true" || n == "false" => next(),
                _ => None,
            },
            "true" | "false" => Some(rest.to_string()),
            _ => return Err(format!("{} {rest}", spec.bad)),
        },
        Val(check) => {
            let v = if rest.is_empty() {
                next().ok_or_else(|| "too few arguments".to_string())?
            } else {
                rest.to_string()
            };
            if !valid(check, &v) {
                return Err(format!("{} {v}", spec.bad).trim_start().to_string());
            }
            Some(v)
        }
    };
    Ok(Parsed {
        name: spec.name,
        value,
        effect: spec.effect,
    })
}

fn valid(check: Check, v: &str) -> bool {
    let int = |s: &str| s.parse::<i64>().ok();
    match check {
        Any => true,
        Bool => v == "true" || v == "false",
        Int(lo, hi) => int(v).is_some_and(|n| (lo..=hi).contains(&n)),
        Positive => leading_int(v) > 0,
        NonNegative => leading_int(v) >= 0,
        OneOf(words) => words.contains(&v),
        IntOrLegacy(lo, hi) => v == "legacy" || int(v).is_some_and(|n| (lo..=hi).contains(&n)),
        FirstOf(letters) => v.chars().next().is_some_and(|c| letters.contains(c)),
        Pair(max) => pair(v, max).is_some(),
    }
}

/// `+S N:M`: N total and M online, each at most `max`; 0 or a missing
/// part means the default (the logical CPUs), a negative number that many
/// fewer than the CPUs (at least 1); M may not exceed N.
pub fn pair(v: &str, max: i64) -> Option<(i64, i64)> {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as i64;
    let mut parts = v.splitn(2, ':');
    let resolve = |p: Option<&str>, default: i64| -> Option<i64> {
        let n = match p {
            None | Some("") => return Some(default),
            Some(s) => s.parse::<i64>().ok()?,
        };
        match n {
            0 => Some(default),
            n if n < 0 && n >= -max => Some((cpus + n).max(1)),
            n if n > 0 && n <= max => Some(n),
            _ => None,
        }
    };
    let total = resolve(parts.next(), cpus)?;
    let online = resolve(parts.next(), total.min(cpus))?;
    (!v.is_empty() && online <= total).then_some((total, online))
}

/// C's `atoi`: the leading decimal digits (with an optional sign), 0 if none.
fn leading_int(s: &str) -> i64 {
    let t = s.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let n: i64 = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0i64, |acc, d| {
            acc.saturating_mul(10).saturating_add((d - b'0') as i64)
        });
    if neg {
        -n
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn available() -> i64 {
        std::thread::available_parallelism().map_or(1, |n| n.get()) as i64
    }

    fn run(args: &[&str]) -> Result<Parsed, String> {
        let mut rest: Vec<String> = args[1..].iter().map(|s| s.to_string()).collect();
        rest.reverse();
        let peek_copy = rest.clone();
        let mut next = || rest.pop();
        let peek = || peek_copy.last().cloned();
        parse(args[0], &mut next, &peek)
    }

    #[test]
    fn values_attached_or_next() {
        assert_eq!(run(&["+P", "2048"]).unwrap().value.as_deref(), Some("2048"));
        assert_eq!(run(&["+P2048"]).unwrap().value.as_deref(), Some("2048"));
        assert_eq!(run(&["+S", "2:1"]).unwrap().effect, Schedulers);
        assert_eq!(run(&["+hmaxk", "false"]).unwrap().name, "hmaxk");
        assert_eq!(run(&["+hmax", "100000"]).unwrap().name, "hmax");
        assert_eq!(run(&["+hms", "1000"]).unwrap().name, "hms");
        assert_eq!(run(&["+MBas", "aobf"]).unwrap().name, "M");
        assert_eq!(run(&["+SDcpu", "2:2"]).unwrap().name, "SDcpu");
        assert_eq!(run(&["+sbwtdcpu", "none"]).unwrap().name, "sbwtdcpu");
    }

    #[test]
    fn break_letters() {
        assert_eq!(run(&["+B"]).unwrap().value, None);
        assert_eq!(run(&["+Bi"]).unwrap().value.as_deref(), Some("i"));
        assert_eq!(run(&["+B", "c"]).unwrap().value.as_deref(), Some("c"));
        assert_eq!(run(&["+B", "-noshell"]).unwrap().value, None);
        assert!(run(&["+Bx"]).is_err());
    }

    #[test]
    fn bad_values_are_erls_errors() {
        assert_eq!(
            run(&["+P", "abc"]).unwrap_err(),
            "bad number of processes abc"
        );
        assert_eq!(
            run(&["+P", "10"]).unwrap_err(),
            "bad number of processes 10"
        );
        assert_eq!(
            run(&["+S", "2000"]).unwrap_err(),
            "bad amount of schedulers 2000"
        );
        assert!(run(&["+S", "0"]).is_ok(), "0 means the default");
        assert!(run(&["+S", "-1"]).is_ok(), "one fewer than the CPUs");
        assert!(run(&["+S", "1:2"]).is_err(), "more online than in total");
        assert_eq!(pair("3:", 1024), Some((3, 3.min(available()))));
        assert_eq!(run(&["+Zq"]).unwrap_err(), "unknown flag -Zq");
        assert_eq!(run(&["+dx"]).unwrap_err(), "unknown flag -dx");
        assert_eq!(run(&["+hms", "x"]).unwrap_err(), "bad heap size x");
        assert_eq!(run(&["+P"]).unwrap_err(), "too few arguments");
        assert!(run(&["+sbt", "zz"]).is_err());
        assert!(run(&["+sfwi", "100"]).is_ok());
        assert!(run(&["+sfwi", "x"]).is_ok(), "strtol: 0");
        assert_eq!(
            run(&["+sfwi", "-1"]).unwrap_err(),
            "bad scheduler forced wakeup interval -1"
        );
        assert_eq!(
            run(&["+JMsingle", "true"]).unwrap_err(),
            "unknown flag -JMsingle"
        );
    }

    #[test]
    fn longest_name_wins_and_names_are_unique() {
        let mut names: Vec<&str> = FLAGS.iter().map(|s| s.name).collect();
        names.sort();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len(), "a flag is listed twice");
        assert_eq!(run(&["+ssrct"]).unwrap().name, "ssrct");
        assert_eq!(run(&["+sss", "128"]).unwrap().name, "sss");
    }
}
