//! `erlang:spawn_opt/4` (erlang.erl builds `spawn_opt/2,3,5` on it).
//!
//! Options are parsed and validated exactly as BEAM does
//! (`erts_parse_spawn_opts`): `link`, `monitor`, `{monitor, MonitorOpts}`,
//! `{priority, max|high|normal|low}`, `{message_queue_data,
//! on_heap|off_heap}`, `{min_heap_size, N}`, `{min_bin_vheap_size, N}`,
//! `{max_heap_size, Size | #{size, kill, error_logger}}`,
//! `{fullsweep_after, N}`, `{scheduler, N}`; a bad option, or a
//! `max_heap_size` below the (rounded) `min_heap_size`, is `badarg`; so
//! are a module or function that is not an atom, arguments that are not a
//! proper list, and an options list that is not one.
//!
//! `link` and `monitor` act as in `spawn_link`/`spawn_monitor` (the result
//! is `{Pid, MonitorRef}` with `monitor`); `max_heap_size`, `min_heap_size`,
//! `fullsweep_after` and `min_bin_vheap_size` set the new process's GC
//! settings. The other options are accepted and have no effect: girder has
//! one priority, and message queues live off the heap. A bad option is
//! `badarg` with BEAM's `badopt` cause. Monitor
//! options: the `alias` ones are accepted and ignored (girder has no
//! aliases yet); `{tag, Tag}` is not supported (`badarg`).

use super::{bif, BifDef};
use crate::data::build::{list_length, list_to_vec, make_tuple};
use crate::heap::ctx::Ctx;
use crate::proc::spawn::{spawn_limited, HeapOpts, Start};
use crate::term::atom;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[bif!("erlang", "spawn_opt", 4, spawn_opt_4)];

/// Schedulers `{scheduler, N}` may name (0: any), as
/// `system_info(schedulers)` reports.
const SCHEDULERS: i64 = 1;

/// The options girder acts on.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct SpawnOpts {
    pub link: bool,
    pub monitor: bool,
    /// `{max_heap_size, V}` (`max_heap.rs`); the system default if absent.
    pub max_heap: Option<crate::proc::max_heap::MaxHeap>,
    /// `{min_heap_size, N}` rounded up to a heap size, `{fullsweep_after, N}`.
    pub min_heap: Option<usize>,
    pub fullsweep_after: Option<u32>,
    /// `{min_bin_vheap_size, N}` rounded (`gc::min_bin_vheap_for`); as in
    /// BEAM (OTP 25) it only takes effect together with one of
    /// `min_heap_size`, `priority`, `fullsweep_after`, `max_heap_size` or
    /// `scheduler` (its `SPO_USE_ARGS` lacks the vheap flag): see
    /// `use_args`.
    pub min_bin_vheap: Option<u64>,
    /// One of those options was given.
    pub use_args: bool,
    /// `spawn_request` only: `{reply, R}` (no success message, no error
    /// message) and `{reply_tag, Tag}`.
    pub no_smsg: bool,
    pub no_emsg: bool,
    pub reply_tag: Option<Term>,
    /// `{message_queue_data, off_heap | on_heap}`, `{priority, P}` (an
    /// index into `heap::pflags::PRIORITIES`) and `{monitor, [{tag, T}]}`:
    /// applied to the new process (`apply_flags`) or its monitor.
    pub off_heap_msgq: Option<bool>,
    pub priority: Option<u8>,
    pub monitor_tag: Option<Term>,
    /// `{monitor, [{alias, Mode}]}`: the monitor's reference is also an
    /// alias of the spawning process (the last mode given).
    pub monitor_alias: Option<crate::proc::alias::Mode>,
}

/// Why an option list was refused (BEAM's `erts_parse_spawn_opts`).
#[derive(Debug, PartialEq, Eq)]
pub enum OptsError {
    /// Not a proper list.
    NotList,
    /// A proper list with an option that is not valid.
    BadOpt,
}

fn is(t: Term, name: &str) -> bool {
    t.is_atom() && atom::name(t) == name
}

/// Whether `opts` is a valid `{monitor, Opts}` list (`spawn_request`,
/// which does not record the tag yet).
pub fn monitor_opts_ok(opts: Term) -> bool {
    monitor_opts_parse(opts, &mut SpawnOpts::default())
}

/// BEAM's `erts_monitor_opts` for `{monitor, Opts}`: a proper list of
/// `{alias, explicit_unalias | demonitor | reply_demonitor}` and
/// `{tag, Tag}`; the tag (the last one) is recorded in `so`.
fn monitor_opts_parse(opts: Term, so: &mut SpawnOpts) -> bool {
    let Some(items) = list_to_vec(opts) else {
        return false;
    };
    items.iter().all(|&o| {
        if !o.is_tuple() {
            return false;
        }
        // SAFETY: `o` is a tuple; elements read below its arity.
        unsafe {
            if o.tuple_arity() == 2 && is(o.tuple_elem(0), "tag") {
                so.monitor_tag = Some(o.tuple_elem(1));
                return true;
            }
            use crate::proc::alias::Mode;
            let modes = [
                ("explicit_unalias", Mode::ExplicitUnalias),
                ("demonitor", Mode::Demonitor),
                ("reply_demonitor", Mode::ReplyDemonitor),
            ];
            let mode = (o.tuple_arity() == 2 && is(o.tuple_elem(0), "alias"))
                .then(|| modes.iter().find(|(n, _)| is(o.tuple_elem(1), n)))
                .flatten();
            if let Some(&(_, m)) = mode {
                so.monitor_alias = Some(m);
            }
            mode.is_some()
        }
    })
}

/// Gives the new process `pid` the `message_queue_data` and `priority`
/// options.
fn apply_flags(pid: Term, so: &SpawnOpts) {
    if so.off_heap_msgq.is_none() && so.priority.is_none() {
        return;
    }
    if let Some(r) = crate::proc::ptable::lookup(pid) {
        // SAFETY: the process was just spawned and has not run yet (the
        // spawning process is running on this scheduler), so nothing else
        // touches its structure.
        let f = unsafe { &mut (*r.ptr()).pflags };
        if let Some(off) = so.off_heap_msgq {
            f.off_heap_msgq = off;
        }
        if let Some(p) = so.priority {
            f.priority = p;
            // It was queued at the default priority when spawned.
            crate::proc::runq::requeue(&r);
        }
    }
}

/// Parses a spawn option list. None: not a proper list or a bad option
/// (BEAM raises `badarg` for both).
pub fn parse(opts: Term) -> Option<SpawnOpts> {
    let (so, r) = parse_full(opts, false);
    r.is_ok().then_some(so)
}

/// Parses a spawn option list; with `message_opt` (`spawn_request`) the
/// `reply` and `reply_tag` options are valid too. As BEAM, every element
/// is looked at even after a bad one, so the options read before and
/// after it (the reply tag, `{reply, _}`) are in the result either way.
pub fn parse_full(opts: Term, message_opt: bool) -> (SpawnOpts, Result<(), OptsError>) {
    let mut so = SpawnOpts::default();
    let Some(items) = list_to_vec(opts) else {
        return (so, Err(OptsError::NotList));
    };
    let mut ok = true;
    let mut min_heap = crate::gc::MIN_HEAP_WORDS as i64;
    for o in items {
        if is(o, "link") {
            so.link = true;
            continue;
        }
        if is(o, "monitor") {
            so.monitor = true;
            continue;
        }
        // SAFETY: arity checked before elements are read.
        let pair = (o.is_tuple() && unsafe { o.tuple_arity() } == 2)
            .then(|| unsafe { (o.tuple_elem(0), o.tuple_elem(1)) });
        let Some((k, v)) = pair else {
            ok = false;
            continue;
        };
        let sets_args = [
            "min_heap_size",
            "priority",
            "fullsweep_after",
            "max_heap_size",
            "scheduler",
        ]
        .iter()
        .any(|n| is(k, n));
        so.use_args |= sets_args;
        let good = if is(k, "priority") {
            so.priority = super::proc_flags::priority_index(v);
            so.priority.is_some()
        } else if is(k, "message_queue_data") {
            so.off_heap_msgq = super::proc_flags::mqd_value(v);
            so.off_heap_msgq.is_some()
        } else if is(k, "min_heap_size") && v.is_small() {
            let n = v.small_value();
            if n >= 0 {
                min_heap = crate::gc::next_heap_size(n as usize) as i64;
                so.min_heap = Some(min_heap as usize);
            }
            n >= 0
        } else if is(k, "max_heap_size") {
            so.max_heap = crate::proc::max_heap::parse(v);
            so.max_heap.is_some()
        } else if is(k, "fullsweep_after") && v.is_small() {
            let n = v.small_value();
            if n >= 0 {
                so.fullsweep_after = Some(n.min(u32::MAX as i64) as u32);
            }
            n >= 0
        } else if is(k, "min_bin_vheap_size") && v.is_small() {
            let n = v.small_value();
            if n >= 0 {
                so.min_bin_vheap = Some(crate::gc::min_bin_vheap_for(n as usize));
            }
            n >= 0
        } else if is(k, "scheduler") && v.is_small() {
            let n = v.small_value();
            (0..=SCHEDULERS).contains(&n)
        } else if is(k, "monitor") {
            let m = monitor_opts_parse(v, &mut so);
            so.monitor |= m;
            m
        } else if message_opt && is(k, "reply") {
            let r = [("yes", false, false), ("no", true, true)]
                .into_iter()
                .chain([("error_only", true, false), ("success_only", false, true)])
                .find(|(n, _, _)| is(v, n));
            if let Some((_, s, e)) = r {
                so.no_smsg = s;
                so.no_emsg = e;
            }
            r.is_some()
        } else if message_opt && is(k, "reply_tag") {
            so.reply_tag = Some(v);
            true
        } else {
            false
        };
        ok &= good;
    }
    let max_heap = so.max_heap.map_or(0, |m| m.size as i64);
    if max_heap != 0 && max_heap < min_heap {
        ok = false;
    }
    let r = if ok { Ok(()) } else { Err(OptsError::BadOpt) };
    (so, r)
}

/// The heap options of a new process from parsed spawn options.
pub fn heap_opts(so: &SpawnOpts) -> HeapOpts {
    let mut heap = HeapOpts {
        max_heap: so.max_heap.unwrap_or_default(),
        ..HeapOpts::default()
    };
    if let Some(n) = so.min_heap {
        heap.min_heap = n;
    }
    if let Some(n) = so.fullsweep_after {
        heap.fullsweep_after = n;
    }
    if so.use_args {
        if let Some(n) = so.min_bin_vheap {
            heap.min_bin_vheap = n;
        }
    }
    heap
}

fn spawn_opt_4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (m, f, a, opts) = (args[0], args[1], args[2], args[3]);
    let Some(so) = parse(opts) else {
        return ctx.badarg_cause("badopt");
    };
    if !m.is_atom() || !f.is_atom() || list_length(a).is_none() {
        return ctx.badarg();
    }
    if super::process::at_process_limit(ctx) {
        return ctx.error(crate::term::atom::am::SYSTEM_LIMIT);
    }
    let mut heap = heap_opts(&so);
    // SAFETY: a process is scheduled on `ctx`.
    let gl = unsafe { ctx.process().group_leader };
    // SAFETY: as above.
    heap.parent = unsafe { ctx.process().pid };
    let parent = if so.link {
        // SAFETY: as above; the scheduler owns the running process.
        Some(unsafe { ctx.process() })
    } else {
        None
    };
    let linked = parent.is_some();
    let pid = spawn_limited(Start::Mfa(m, f, a), parent, gl, heap);
    // SAFETY: a process is scheduled on `ctx`.
    if unsafe { ctx.process() }.seq.token.is_some() {
        crate::proc::seq_trace::after_spawn(ctx, pid, Start::Mfa(m, f, a), opts);
    }
    // SAFETY: a process is scheduled on `ctx`.
    if unsafe { ctx.process() }
        .trace_flags
        .load(std::sync::atomic::Ordering::Relaxed)
        != 0
    {
        super::trace::after_spawn(ctx, pid, Start::Mfa(m, f, a), linked);
    }
    apply_flags(pid, &so);
    if so.monitor {
        let r = crate::proc::monitor::add_tagged(ctx, pid, so.monitor_tag);
        if let Some(mode) = so.monitor_alias {
            // SAFETY: a process is scheduled on `ctx`.
            let me = unsafe { ctx.process() }.pid;
            crate::proc::alias::register(r, me, mode, true);
        }
        return make_tuple(ctx, &[pid, r]);
    }
    pid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::list_from_slice;
    use crate::term::NIL;
    use crate::testutil::TestProc;

    fn opts(ctx: &mut Ctx, items: &[Term]) -> Term {
        list_from_slice(ctx, items)
    }

    #[test]
    fn option_parsing() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let a = atom::intern;
        let t = |ctx: &mut Ctx, k: &str, v: Term| make_tuple(ctx, &[atom::intern(k), v]);
        let l = opts(ctx, &[a("link"), a("monitor")]);
        assert_eq!(
            parse(l),
            Some(SpawnOpts {
                link: true,
                monitor: true,
                max_heap: None,
                ..Default::default()
            })
        );
        let p = t(ctx, "priority", a("high"));
        let mh = t(ctx, "min_heap_size", Term::small(1000));
        let l = opts(ctx, &[p, mh]);
        // min_heap_size rounds up to BEAM's next heap size.
        assert_eq!(
            parse(l),
            Some(SpawnOpts {
                min_heap: Some(1598),
                use_args: true,
                priority: Some(1),
                ..Default::default()
            })
        );
        // min_bin_vheap_size: floored at the system minimum, else rounded;
        // alone it does not set `use_args` (BEAM ignores it then).
        let vh = t(ctx, "min_bin_vheap_size", Term::small(100000));
        let l = opts(ctx, &[vh]);
        assert_eq!(
            parse(l),
            Some(SpawnOpts {
                min_bin_vheap: Some(121536),
                ..Default::default()
            })
        );
        let vh = t(ctx, "min_bin_vheap_size", Term::small(5));
        let l = opts(ctx, &[vh]);
        let floor = crate::heap::vheap::min_bin_vheap();
        assert_eq!(parse(l).and_then(|o| o.min_bin_vheap), Some(floor));
        let bad_p = t(ctx, "priority", a("urgent"));
        let l = opts(ctx, &[bad_p]);
        assert!(parse(l).is_none());
        let neg = t(ctx, "min_heap_size", Term::small(-1));
        let l = opts(ctx, &[neg]);
        assert!(parse(l).is_none());
        let small_max = t(ctx, "max_heap_size", Term::small(100));
        let l = opts(ctx, &[small_max]);
        assert!(parse(l).is_none(), "max below the minimum heap size");
        let l = opts(ctx, &[a("bogus")]);
        assert!(parse(l).is_none());
        assert!(parse(a("link")).is_none());
        let mon = t(ctx, "monitor", NIL);
        let l = opts(ctx, &[mon]);
        assert_eq!(
            parse(l),
            Some(SpawnOpts {
                link: false,
                monitor: true,
                max_heap: None,
                ..Default::default()
            })
        );
    }

    #[test]
    fn request_options() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let a = atom::intern;
        let t = |ctx: &mut Ctx, k: &str, v: Term| make_tuple(ctx, &[atom::intern(k), v]);
        let reply = t(ctx, "reply", a("error_only"));
        let tag = t(ctx, "reply_tag", Term::small(7));
        let l = opts(ctx, &[reply, tag, a("link")]);
        // Only spawn_request takes the message options.
        assert_eq!(parse_full(l, false).1, Err(OptsError::BadOpt));
        let (so, r) = parse_full(l, true);
        assert_eq!(r, Ok(()));
        assert!(so.no_smsg && !so.no_emsg && so.link);
        assert_eq!(so.reply_tag, Some(Term::small(7)));
        // A bad option: the tag and reply mode are still read.
        let no = t(ctx, "reply", a("no"));
        let l = opts(ctx, &[a("bogus"), no, tag]);
        let (so, r) = parse_full(l, true);
        assert_eq!(r, Err(OptsError::BadOpt));
        assert!(so.no_smsg && so.no_emsg);
        assert_eq!(so.reply_tag, Some(Term::small(7)));
        let bad = t(ctx, "reply", a("maybe"));
        let l = opts(ctx, &[bad]);
        assert_eq!(parse_full(l, true).1, Err(OptsError::BadOpt));
        let improper = crate::data::build::cons(ctx, a("bogus"), a("tail"));
        assert_eq!(parse_full(improper, true).1, Err(OptsError::NotList));
    }
}
