//! Time BIFs: `erlang:monotonic_time/0,1`, `system_time/0,1`,
//! `time_offset/0,1`, `convert_time_unit/3`, `timestamp/0`,
//! `os:timestamp/0`, `os:system_time/0,1`, `os:perf_counter/0` and
//! `erlang:statistics/1` (runtime, wall_clock, reductions; the counting
//! items are in `statistics.rs`), `erts_internal:time_unit/0` and
//! `perf_counter_unit/0`.
//!
//! The native time unit (and the perf counter unit) is the nanosecond.
//! Like BEAM in its default "no time warp" mode, Erlang monotonic time
//! starts near the most negative small integer (so it stays a small for
//! centuries) and the time offset is fixed at start-up:
//! `erlang:system_time() =:= erlang:monotonic_time() + erlang:time_offset()`.
//! `os:*` functions read the OS clock directly.
//!
//! Unit arguments: `second`, `millisecond`, `microsecond`, `nanosecond`,
//! `native`, `perf_counter`, the deprecated `seconds`, `milli_seconds`,
//! `micro_seconds`, `nano_seconds`, or any positive integer (parts per
//! second). Conversions round towards negative infinity, as BEAM does.

use super::{bif, BifDef};
use crate::data::big::{self, BigInt};
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::*;
use num_integer::Integer;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub use crate::sched::TOTAL_REDUCTIONS;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "monotonic_time", 0, monotonic_time_0),
    bif!("erlang", "monotonic_time", 1, monotonic_time_1),
    bif!("erlang", "system_time", 0, system_time_0),
    bif!("erlang", "system_time", 1, system_time_1),
    bif!("erlang", "time_offset", 0, time_offset_0),
    bif!("erlang", "time_offset", 1, time_offset_1),
    bif!("erlang", "convert_time_unit", 3, convert_time_unit_3),
    bif!("erlang", "timestamp", 0, timestamp_0),
    bif!("erlang", "now", 0, now_0),
    bif!("os", "timestamp", 0, os_timestamp_0),
    bif!("os", "system_time", 0, os_system_time_0),
    bif!("os", "system_time", 1, os_system_time_1),
    bif!("os", "perf_counter", 0, perf_counter_0),
    bif!("erlang", "statistics", 1, statistics_1),
    bif!("erts_internal", "time_unit", 0, time_unit_0),
    bif!("erts_internal", "perf_counter_unit", 0, time_unit_0),
];

/// Native time units (and perf counter units) per second.
fn time_unit_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    Term::small(NANOS as i64)
}

const NANOS: i128 = 1_000_000_000;

struct Clock {
    start: Instant,
    /// Erlang monotonic time (ns) at `start`.
    mono_start: i64,
    /// OS system time (ns since the epoch) minus monotonic time, fixed.
    offset: i64,
}

fn os_time_ns() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i64,
        Err(e) => -(e.duration().as_nanos() as i64),
    }
}

fn clock() -> &'static Clock {
    static C: OnceLock<Clock> = OnceLock::new();
    C.get_or_init(|| {
        let start = Instant::now();
        let mono_start = MIN_SMALL;
        Clock {
            start,
            mono_start,
            offset: os_time_ns() - mono_start,
        }
    })
}

/// Fixes the VM start time; the launcher calls it first thing so that
/// `statistics(wall_clock)` and monotonic time count from start-up.
pub fn init() {
    clock();
}

/// Erlang monotonic time in nanoseconds.
pub fn monotonic_ns() -> i64 {
    let c = clock();
    c.mono_start + c.start.elapsed().as_nanos() as i64
}

/// Erlang monotonic time (ns) when the VM started (`system_info(start_time)`).
pub fn start_ns() -> i64 {
    clock().mono_start
}

/// Erlang system time in nanoseconds (monotonic time plus the fixed offset).
pub fn system_ns() -> i64 {
    monotonic_ns() + clock().offset
}

/// Milliseconds since the VM started.
fn wall_ms() -> u64 {
    clock().start.elapsed().as_millis() as u64
}

/// CPU time (user + system) of the whole VM in milliseconds.
fn runtime_ms() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer for clock_gettime.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if r != 0 {
        return 0;
    }
    ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
}

/// Parts per second of a time unit argument.
pub fn unit_hz(u: Term) -> Option<BigInt> {
    if u.is_atom() {
        let hz: i64 = match u {
            am::SECOND | am::SECONDS => 1,
            am::MILLISECOND | am::MILLI_SECONDS => 1_000,
            am::MICROSECOND | am::MICRO_SECONDS => 1_000_000,
            am::NANOSECOND | am::NANO_SECONDS | am::NATIVE | am::PERF_COUNTER => 1_000_000_000,
            _ => return None,
        };
        return Some(BigInt::from(hz));
    }
    if u.is_integer() {
        let v = big::to_big(u);
        if v > BigInt::from(0) {
            return Some(v);
        }
    }
    None
}

/// `floor(t * to / from)`, the conversion BEAM performs.
pub fn convert(t: &BigInt, from: &BigInt, to: &BigInt) -> BigInt {
    (t * to).div_floor(from)
}

/// Converts a nanosecond value to `hz` parts per second (fast path in i128).
fn from_ns(ctx: &mut Ctx, ns: i64, hz: &BigInt) -> Term {
    if let Ok(h) = i128::try_from(hz) {
        if let Some(p) = (ns as i128).checked_mul(h) {
            return big::make_i128(ctx, p.div_euclid(NANOS));
        }
    }
    let v = convert(&BigInt::from(ns), &BigInt::from(NANOS), hz);
    big::make_integer(ctx, &v)
}

/// Shared body of the `X_time/1` BIFs.
fn time_in_unit(ctx: &mut Ctx, ns: i64, unit: Term) -> Term {
    match unit_hz(unit) {
        Some(hz) => from_ns(ctx, ns, &hz),
        None => ctx.badarg(),
    }
}

fn monotonic_time_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    big::make_i64(ctx, monotonic_ns())
}

fn monotonic_time_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let u = args[0];
    time_in_unit(ctx, monotonic_ns(), u)
}

fn system_time_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    big::make_i64(ctx, system_ns())
}

fn system_time_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let u = args[0];
    time_in_unit(ctx, system_ns(), u)
}

fn time_offset_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    big::make_i64(ctx, clock().offset)
}

fn time_offset_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let u = args[0];
    time_in_unit(ctx, clock().offset, u)
}

fn os_system_time_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    big::make_i64(ctx, os_time_ns())
}

fn os_system_time_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let u = args[0];
    time_in_unit(ctx, os_time_ns(), u)
}

/// The perf counter is the monotonic clock in nanoseconds from VM start.
fn perf_ns() -> i64 {
    clock().start.elapsed().as_nanos() as i64
}

fn perf_counter_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    big::make_i64(ctx, perf_ns())
}

fn convert_time_unit_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, from, to) = (args[0], args[1], args[2]);
    let (Some(f), Some(tu)) = (unit_hz(from), unit_hz(to)) else {
        return ctx.badarg();
    };
    if !t.is_integer() {
        return ctx.badarg();
    }
    if let (Some(v), Ok(f), Ok(tu)) = (big::to_i128(t), i64::try_from(&f), i64::try_from(&tu)) {
        if let Some(p) = v.checked_mul(tu as i128) {
            return big::make_i128(ctx, p.div_euclid(f as i128));
        }
    }
    let r = convert(&big::to_big(t), &f, &tu);
    big::make_integer(ctx, &r)
}

/// `{MegaSecs, Secs, MicroSecs}` of a nanosecond time.
fn timestamp_tuple(ctx: &mut Ctx, ns: i64) -> Term {
    let us = ns.div_euclid(1000);
    let mega = us.div_euclid(1_000_000_000_000);
    let secs = us.div_euclid(1_000_000).rem_euclid(1_000_000);
    let micro = us.rem_euclid(1_000_000);
    make_tuple(
        ctx,
        &[Term::small(mega), Term::small(secs), Term::small(micro)],
    )
}

fn timestamp_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    timestamp_tuple(ctx, system_ns())
}

/// Deprecated `erlang:now/0`: a strictly increasing timestamp.
fn now_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    static LAST_US: AtomicI64 = AtomicI64::new(i64::MIN);
    let now = system_ns().div_euclid(1000);
    let mut prev = LAST_US.load(Ordering::Relaxed);
    let us = loop {
        let next = now.max(prev + 1);
        match LAST_US.compare_exchange_weak(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => break next,
            Err(p) => prev = p,
        }
    };
    timestamp_tuple(ctx, us * 1000)
}

fn os_timestamp_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    timestamp_tuple(ctx, os_time_ns())
}

/// `{Total, SinceLastCall}`, with the last value kept VM-wide per key.
fn total_and_delta(ctx: &mut Ctx, last: &AtomicU64, total: u64) -> Term {
    let prev = last.swap(total, Ordering::Relaxed);
    let t = big::make_u64(ctx, total);
    let d = big::make_u64(ctx, total.saturating_sub(prev));
    make_tuple(ctx, &[t, d])
}

fn statistics_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    static LAST_RUNTIME: AtomicU64 = AtomicU64::new(0);
    static LAST_WALL: AtomicU64 = AtomicU64::new(0);
    static LAST_REDS: AtomicU64 = AtomicU64::new(0);
    static LAST_EXACT_REDS: AtomicU64 = AtomicU64::new(0);
    let what = args[0];
    if !what.is_atom() {
        return ctx.badarg();
    }
    match what {
        am::RUNTIME => total_and_delta(ctx, &LAST_RUNTIME, runtime_ms()),
        am::WALL_CLOCK => total_and_delta(ctx, &LAST_WALL, wall_ms()),
        am::REDUCTIONS => {
            let total = TOTAL_REDUCTIONS.load(Ordering::Relaxed);
            total_and_delta(ctx, &LAST_REDS, total)
        }
        _ => match crate::term::atom::name(what) {
            "exact_reductions" => {
                let total = TOTAL_REDUCTIONS.load(Ordering::Relaxed);
                total_and_delta(ctx, &LAST_EXACT_REDS, total)
            }
            other => match super::statistics::item(ctx, other) {
                Some(t) => t,
                None => ctx.badarg(),
            },
        },
    }
}

#[cfg(test)]
#[path = "time_tests.rs"]
mod tests;
