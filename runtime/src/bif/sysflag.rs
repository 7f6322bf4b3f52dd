//! `erlang:system_flag/2` for the flags girder has: `backtrace_depth`
//! (how many frames exception stack traces and `current_stacktrace` hold;
//! read by `native::error`, `native::trace` and `bif::stacktrace`),
//! `system_logger`, `max_heap_size`, `min_bin_vheap_size`,
//! `outstanding_system_requests_limit` and the scheduler flags of
//! `sched_flags.rs`.
//!
//! As in BEAM the flag is VM-wide, the value must be a non-negative small
//! integer (clamped to 64, BEAM's MAX_BACKTRACE_SIZE) and the old value is
//! returned. A depth of 0 still gives exception traces one frame, as in
//! BEAM. Every other flag is `badarg` for now (BEAM has flags girder cannot
//! honour: schedulers, multi-scheduling, tracing, ...).

use super::{bif, native, BifDef};
pub use crate::abi::error::{
    backtrace_depth, set_backtrace_depth, DEFAULT_BACKTRACE_DEPTH, MAX_BACKTRACE_DEPTH,
};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::atom::am;
use crate::term::Term;

pub const BIFS: &[BifDef] =
    &[bif!("erlang", "system_flag", 2, system_flag_2).with_full(native!(system_flag_2_full, 2))];

/// `outstanding_system_requests_limit`: how many `check_process_code`
/// requests `erts_code_purger` keeps in flight (it reads the value back
/// with `system_info/1`). BEAM's default is twice the schedulers.
static OUTSTANDING_LIMIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(2);

/// BEAM's `ERTS_MAX_PROCESSES`: the largest limit accepted.
const MAX_OUTSTANDING_LIMIT: u64 = (1 << 27) - 1;

pub fn outstanding_system_requests_limit() -> u64 {
    OUTSTANDING_LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

/// `system_flag(scheduler_wall_time, Bool)` goes, as in BEAM, to
/// `erts_internal:system_flag_scheduler_wall_time/1`, which asks
/// `kernel_refc` (it counts the requests per process and switches the
/// accounting with `erts_internal:scheduler_wall_time/1`).
fn system_flag_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (flag, value) = (args[0], args[1]);
    if flag == atom::intern("scheduler_wall_time") && (value == am::TRUE || value == am::FALSE) {
        let t = super::trap::target("erts_internal", "system_flag_scheduler_wall_time", 1);
        if t.address() != 0 {
            return super::trap::trap(ctx, t, &[value]);
        }
    }
    system_flag_2_full(ctx, args)
}

/// Where the caller cannot follow a trap: `scheduler_wall_time` switches
/// the accounting directly.
fn system_flag_2_full(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (flag, value) = (args[0], args[1]);
    if flag == atom::intern("scheduler_wall_time") && (value == am::TRUE || value == am::FALSE) {
        let was = crate::sched::stats::set_wall_time(value == am::TRUE);
        return Term::boolean(was);
    }
    if flag == atom::intern("backtrace_depth") {
        if !value.is_small() || value.small_value() < 0 {
            return ctx.badarg();
        }
        let old = set_backtrace_depth(value.small_value() as usize);
        return Term::small(old as i64);
    }
    if flag == atom::intern("trace_control_word") {
        return crate::ets::ms::set_tcw(value).unwrap_or_else(|| ctx.badarg());
    }
    if flag == atom::intern("system_logger") {
        return crate::proc::syslog::set(value).unwrap_or_else(|| ctx.badarg());
    }
    if flag == atom::intern("outstanding_system_requests_limit") {
        let v = if value.is_small() {
            value.small_value()
        } else {
            0
        };
        if v < 1 || v as u64 > MAX_OUTSTANDING_LIMIT {
            return ctx.badarg();
        }
        let old = OUTSTANDING_LIMIT.swap(v as u64, std::sync::atomic::Ordering::Relaxed);
        return Term::small(old as i64);
    }
    if flag == atom::intern("sequential_tracer") {
        return crate::proc::seq_trace::set_tracer(value).unwrap_or_else(|| ctx.badarg());
    }
    if flag == atom::intern("reset_seq_trace") {
        crate::proc::seq_trace::reset_all();
        return am::TRUE;
    }
    if flag == atom::intern("max_heap_size") {
        return crate::proc::max_heap::system_flag(ctx, value);
    }
    if flag == atom::intern("min_bin_vheap_size") {
        // New processes' minimum (existing ones keep theirs), rounded to a
        // heap size as BEAM does (its table starts at 12 words).
        if !value.is_small() || value.small_value() < 0 {
            return ctx.badarg();
        }
        let words = crate::gc::next_heap_size_any(value.small_value() as usize);
        return Term::small(crate::heap::vheap::set_min_bin_vheap(words as u64) as i64);
    }
    super::sched_flags::system_flag(ctx, flag, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn backtrace_depth_flag() {
        // The flag is VM-wide and other tests build stack traces in
        // parallel: set it only to the value it has.
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let f = atom::intern("backtrace_depth");
        let cur = backtrace_depth() as i64;
        let old = system_flag_2(ctx, &[f, Term::small(cur)]);
        assert_eq!(old, Term::small(cur));
        assert!(system_flag_2(ctx, &[f, Term::small(-1)]).is_non_value());
        assert!(system_flag_2(ctx, &[f, f]).is_non_value());
        let other = atom::intern("bad_flag");
        assert!(system_flag_2(ctx, &[other, Term::small(1)]).is_non_value());
    }
}
