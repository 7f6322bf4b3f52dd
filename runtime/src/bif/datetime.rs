//! Calendar-time BIFs: `erlang:localtime/0`, `universaltime/0`,
//! `date/0`, `time/0`, `localtime_to_universaltime/1,2`,
//! `universaltime_to_localtime/1`, `universaltime_to_posixtime/1` and
//! `posixtime_to_universaltime/1` (what `calendar:local_time/0` and
//! friends call).
//!
//! Local time goes through the C library (`localtime_r`/`mktime`, so the
//! `TZ` environment variable counts, as on BEAM); UTC conversions are
//! pure arithmetic on the proleptic Gregorian calendar. Argument checks
//! follow BEAM: a date-time must be a valid date with hour 0..23, minute
//! and second 0..59, and (except for `posixtime_to_universaltime`) a year
//! from 1902 up to 2^31 - 2; anything else is `badarg`.

use super::{bif, BifDef};
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "localtime", 0, localtime_0),
    bif!("erlang", "universaltime", 0, universaltime_0),
    bif!("erlang", "date", 0, date_0),
    bif!("erlang", "time", 0, time_0),
    bif!("erlang", "localtime_to_universaltime", 1, local_to_univ_1),
    bif!("erlang", "localtime_to_universaltime", 2, local_to_univ_2),
    bif!("erlang", "universaltime_to_localtime", 1, univ_to_local_1),
    bif!("erlang", "universaltime_to_posixtime", 1, univ_to_posix_1),
    bif!("erlang", "posixtime_to_universaltime", 1, posix_to_univ_1),
];

/// `{{Y, Mo, D}, {H, Mi, S}}` as plain numbers.
type DateTime = (i64, i64, i64, i64, i64, i64);

const MIN_YEAR: i64 = 1902;
const MAX_YEAR: i64 = i32::MAX as i64 - 1;

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a civil date in year 1600 or later (BEAM's
/// `gregday`).
fn gregday(y: i64, m: i64, d: i64) -> i64 {
    let mut n = 0;
    let gyear = y - 1600;
    if gyear > 0 {
        let p = gyear - 1;
        n = p / 4 - p / 100 + p / 400 + p * 365 + 366;
    }
    n += (1..m).map(|k| days_in_month(1, k)).sum::<i64>();
    if is_leap(y) && m > 2 {
        n += 1;
    }
    n + d - 1 - 135140
}

/// BEAM's `univ_to_seconds` (years from 1600).
fn posix_of((y, mo, d, h, mi, s): DateTime) -> i64 {
    gregday(y, mo, d) * 86400 + h * 3600 + mi * 60 + s
}

/// BEAM's `seconds_to_univ`, C division semantics included (so dates
/// before year 0 come out as on BEAM).
fn from_posix(t: i64) -> DateTime {
    let mut days = t / 86400;
    let mut secs = t % 86400;
    if secs < 0 {
        days -= 1;
        secs += 86400;
    }
    let (h, mi, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    days += 719468;
    let mut y = ((10000 * days as i128 + 14780) / 3652425) as i64;
    let mut tmp = days - (365 * y + y / 4 - y / 100 + y / 400);
    if tmp < 0 {
        y -= 1;
        tmp = days - (365 * y + y / 4 - y / 100 + y / 400);
    }
    let m = (100 * tmp + 52) / 3060;
    let month = (m + 2) % 12 + 1;
    let year = y + (m + 2) / 12;
    let day = tmp - (m * 306 + 5) / 10 + 1;
    (year, month, day, h, mi, s)
}

/// Reads `{{Y, Mo, D}, {H, Mi, S}}`, checking it is a valid date-time
/// with a year from `min_year` to BEAM's maximum.
fn parse(t: Term, min_year: i64) -> Option<DateTime> {
    let pair = |t: Term| -> Option<[i64; 3]> {
        // SAFETY: element reads guarded by the tuple arity.
        unsafe {
            if !t.is_tuple() || t.tuple_arity() != 3 {
                return None;
            }
            let mut out = [0; 3];
            for (i, o) in out.iter_mut().enumerate() {
                let e = t.tuple_elem(i);
                if !e.is_small() {
                    return None;
                }
                *o = e.small_value();
            }
            Some(out)
        }
    };
    // SAFETY: element reads guarded by the tuple arity.
    let (date, time) = unsafe {
        if !t.is_tuple() || t.tuple_arity() != 2 {
            return None;
        }
        (pair(t.tuple_elem(0))?, pair(t.tuple_elem(1))?)
    };
    let [y, mo, d] = date;
    let [h, mi, s] = time;
    let ok = (min_year..=MAX_YEAR).contains(&y)
        && (1..=12).contains(&mo)
        && d >= 1
        && d <= days_in_month(y, mo)
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..60).contains(&s);
    ok.then_some((y, mo, d, h, mi, s))
}

fn date_time(ctx: &mut Ctx, (y, mo, d, h, mi, s): DateTime) -> Term {
    let date = make_tuple(ctx, &[Term::small(y), Term::small(mo), Term::small(d)]);
    let time = make_tuple(ctx, &[Term::small(h), Term::small(mi), Term::small(s)]);
    make_tuple(ctx, &[date, time])
}

fn now_posix() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64) - 1,
    }
}

/// The local date-time of POSIX time `t`, if the C library can convert it.
fn local_of(t: i64) -> Option<DateTime> {
    // SAFETY: `localtime_r` only writes the `tm` we pass; `tm` is plain
    // old data, so zeroed is a valid initial value.
    unsafe {
        let clock = t as libc::time_t;
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&clock, &mut tm).is_null() {
            return None;
        }
        Some((
            tm.tm_year as i64 + 1900,
            tm.tm_mon as i64 + 1,
            tm.tm_mday as i64,
            tm.tm_hour as i64,
            tm.tm_min as i64,
            tm.tm_sec as i64,
        ))
    }
}

/// The POSIX time of local date-time `dt`; `isdst` as for `mktime`
/// (-1: let the C library decide). `None` where BEAM's `erl_mktime`
/// fails (then BEAM raises `badarg`, whatever `isdst` was).
fn posix_of_local(dt: DateTime, isdst: i32) -> Option<i64> {
    let (y, mo, d, h, mi, s) = dt;
    // SAFETY: `mktime` reads and normalises the `tm` we pass; zeroed is a
    // valid `tm`.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        tm.tm_year = (y - 1900) as libc::c_int;
        tm.tm_mon = (mo - 1) as libc::c_int;
        tm.tm_mday = d as libc::c_int;
        tm.tm_hour = h as libc::c_int;
        tm.tm_min = mi as libc::c_int;
        tm.tm_sec = s as libc::c_int;
        tm.tm_isdst = isdst;
        let t = libc::mktime(&mut tm) as i64;
        if t != -1 {
            return Some(t);
        }
        // -1 is also 1969-12-31 23:59:59 UTC: retry one second earlier.
        tm.tm_sec -= 1;
        (libc::mktime(&mut tm) as i64 == -2).then_some(-1)
    }
}

fn localtime_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let dt = local_of(now_posix()).unwrap_or_else(|| from_posix(now_posix()));
    date_time(ctx, dt)
}

fn universaltime_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let dt = from_posix(now_posix());
    date_time(ctx, dt)
}

fn date_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let (y, mo, d, ..) = local_of(now_posix()).unwrap_or_else(|| from_posix(now_posix()));
    make_tuple(ctx, &[Term::small(y), Term::small(mo), Term::small(d)])
}

fn time_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let (.., h, mi, s) = local_of(now_posix()).unwrap_or_else(|| from_posix(now_posix()));
    make_tuple(ctx, &[Term::small(h), Term::small(mi), Term::small(s)])
}

fn local_to_univ(ctx: &mut Ctx, t: Term, isdst: i32) -> Term {
    match parse(t, MIN_YEAR).and_then(|dt| posix_of_local(dt, isdst)) {
        Some(p) => {
            let u = from_posix(p);
            date_time(ctx, u)
        }
        None => ctx.badarg(),
    }
}

fn local_to_univ_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    local_to_univ(ctx, t, -1)
}

fn local_to_univ_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, dst) = (args[0], args[1]);
    let isdst = if dst == am::TRUE {
        1
    } else if dst == am::FALSE {
        0
    } else if dst == am::UNDEFINED {
        -1
    } else {
        return ctx.badarg();
    };
    local_to_univ(ctx, t, isdst)
}

fn univ_to_local_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    match parse(t, MIN_YEAR).and_then(|dt| local_of(posix_of(dt))) {
        Some(l) => date_time(ctx, l),
        None => ctx.badarg(),
    }
}

fn univ_to_posix_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    match parse(t, 1600) {
        Some(dt) => Term::small(posix_of(dt)),
        None => ctx.badarg(),
    }
}

fn posix_to_univ_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_small() {
        return ctx.badarg();
    }
    let dt = from_posix(t.small_value());
    date_time(ctx, dt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gregday_and_posix_round_trip() {
        for t in [
            0i64,
            -1,
            86_399,
            1_704_067_200,
            -2_145_916_801,
            253_402_300_799,
        ] {
            assert_eq!(posix_of(from_posix(t)), t);
        }
        assert_eq!(gregday(2024, 1, 1), 19_723);
        assert_eq!(gregday(1600, 1, 1), -135_140);
    }

    #[test]
    fn posix_conversions() {
        assert_eq!(posix_of((2024, 1, 1, 0, 0, 0)), 1_704_067_200);
        assert_eq!(posix_of((1969, 1, 1, 0, 0, 0)), -31_536_000);
        assert_eq!(from_posix(-100), (1969, 12, 31, 23, 58, 20));
        // BEAM's own (off by one day before year 0) results
        assert_eq!(from_posix(-62_167_219_201), (-1, 12, 30, 23, 59, 59));
        assert_eq!(from_posix(-62_167_219_200), (-1, 12, 31, 0, 0, 0));
        assert_eq!(from_posix(253_402_300_800), (10000, 1, 1, 0, 0, 0));
    }

    #[test]
    fn validity() {
        assert!(is_leap(2000) && is_leap(2024) && !is_leap(1900) && !is_leap(2023));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
    }
}
