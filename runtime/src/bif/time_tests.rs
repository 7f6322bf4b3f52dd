//! Expected strings come from `erl` (OTP 25), as in `list_tests.rs`.

use super::*;
use crate::bif::native;
use crate::bif::test_terms::t;
use crate::data::display::show_result;
use crate::testutil::TestProc;

fn call(tp: &mut TestProc, f: crate::code::export::BifFn, args: &[&str]) -> String {
    let a: Vec<Term> = args.iter().map(|s| t(tp.ctx(), s)).collect();
    let r = tp.call(f, &a);
    show_result(tp.ctx(), r)
}

#[test]
fn convert_time_unit() {
    let mut tp = TestProc::new();
    let f = native!(convert_time_unit_3, 3);
    let cases: &[(&[&str], &str)] = &[
        (&["-1", "second", "millisecond"], "{ok,-1000}"),
        (&["-1", "millisecond", "second"], "{ok,-1}"),
        (&["1999", "millisecond", "second"], "{ok,1}"),
        (&["1", "native", "nanosecond"], "{ok,1}"),
        (&["1", "seconds", "1000"], "{ok,1000}"),
        (&["1", "perf_counter", "nanosecond"], "{ok,1}"),
        (&["1", "0", "nanosecond"], "{error,badarg}"),
        (&["1", "x", "nanosecond"], "{error,badarg}"),
        (&["1.0", "second", "nanosecond"], "{error,badarg}"),
        (&["-1001", "1000", "3"], "{ok,-4}"),
        (
            &["123456789012345678901234567890", "second", "nanosecond"],
            "{ok,123456789012345678901234567890000000000}",
        ),
        (
            &["1", "second", "4611686018427387904"],
            "{ok,4611686018427387904}",
        ),
        (&["5", "3", "7"], "{ok,11}"),
        (&["1", "nano_seconds", "second"], "{ok,0}"),
        (&["1", "1267650600228229401496703205376", "1"], "{ok,0}"),
        (&["-1", "1267650600228229401496703205376", "1"], "{ok,-1}"),
        (&["7", "micro_seconds", "milli_seconds"], "{ok,0}"),
    ];
    for (args, want) in cases {
        assert_eq!(&call(&mut tp, f, args), want, "{args:?}");
    }
}

#[test]
fn clocks() {
    let mut tp = TestProc::new();
    init();
    // Monotonic time starts near the most negative small, like BEAM's.
    let m = tp.call(native!(monotonic_time_0, 0), &[]);
    assert!(m.is_small() && m.small_value() < -(1 << 58));
    let s = call(&mut tp, native!(monotonic_time_1, 1), &["second"]);
    assert!(s.starts_with("{ok,-57646075"), "{s}");
    assert_eq!(
        call(&mut tp, native!(monotonic_time_1, 1), &["x"]),
        "{error,badarg}"
    );
    assert_eq!(
        call(&mut tp, native!(monotonic_time_1, 1), &["0"]),
        "{error,badarg}"
    );
    assert_eq!(
        call(&mut tp, native!(monotonic_time_1, 1), &["-1"]),
        "{error,badarg}"
    );
    let m1 = monotonic_ns();
    let m2 = monotonic_ns();
    assert!(m2 >= m1);
    // system_time = monotonic_time + time_offset; close to the OS clock.
    let sys = system_ns();
    assert!((sys - os_time_ns()).abs() < 1_000_000_000);
    let st = tp.call(native!(system_time_0, 0), &[]);
    assert!(st.is_integer());
    let secs = tp.call(
        native!(system_time_1, 1),
        &[crate::term::atom::intern("seconds")],
    );
    assert!((secs.small_value() - os_time_ns() / 1_000_000_000).abs() <= 1);
    let off = tp.call(native!(time_offset_1, 1), &[am::NANOSECOND]);
    assert_eq!(crate::data::big::to_i128(off), Some(clock().offset as i128));
    assert_eq!(
        call(&mut tp, native!(os_system_time_1, 1), &["x"]),
        "{error,badarg}"
    );
    let ts = tp.call(native!(os_timestamp_0, 0), &[]);
    let ts2 = tp.call(native!(timestamp_0, 0), &[]);
    for ts in [ts, ts2] {
        // SAFETY: a 3-tuple.
        let (mega, sec, micro) = unsafe { (ts.tuple_elem(0), ts.tuple_elem(1), ts.tuple_elem(2)) };
        let total = mega.small_value() * 1_000_000 + sec.small_value();
        assert!((total - os_time_ns() / 1_000_000_000).abs() <= 1);
        assert!((0..1_000_000).contains(&micro.small_value()));
    }
    let n1 = tp.call(native!(now_0, 0), &[]);
    let n2 = tp.call(native!(now_0, 0), &[]);
    assert_eq!(
        crate::data::compare::cmp_terms(n1, n2),
        std::cmp::Ordering::Less
    );
}

#[test]
fn statistics() {
    let mut tp = TestProc::new();
    init();
    let rt = call(&mut tp, native!(statistics_1, 1), &["runtime"]);
    assert!(rt.starts_with("{ok,{"), "{rt}");
    TOTAL_REDUCTIONS.fetch_add(1234, Ordering::Relaxed);
    let r = tp.call(native!(statistics_1, 1), &[am::REDUCTIONS]);
    // SAFETY: a 2-tuple.
    let (total, _) = unsafe { (r.tuple_elem(0), r.tuple_elem(1)) };
    assert!(total.small_value() >= 1234);
    let r = tp.call(native!(statistics_1, 1), &[am::REDUCTIONS]);
    // Nothing ran since the previous call (other tests may add, rarely).
    // SAFETY: a 2-tuple.
    assert!(unsafe { r.tuple_elem(1) }.small_value() < 1234);
    let w1 = tp.call(native!(statistics_1, 1), &[am::WALL_CLOCK]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let w2 = tp.call(native!(statistics_1, 1), &[am::WALL_CLOCK]);
    // SAFETY: 2-tuples.
    unsafe {
        assert!(w2.tuple_elem(0).small_value() >= w1.tuple_elem(0).small_value() + 20);
        assert!(w2.tuple_elem(1).small_value() >= 20);
    }
    assert_eq!(
        call(&mut tp, native!(statistics_1, 1), &["x"]),
        "{error,badarg}"
    );
    assert_eq!(
        call(&mut tp, native!(statistics_1, 1), &["1"]),
        "{error,badarg}"
    );
    assert_eq!(
        call(&mut tp, native!(statistics_1, 1), &["run_queue"]),
        "{ok,0}"
    );
    let io = call(&mut tp, native!(statistics_1, 1), &["io"]);
    assert!(io.starts_with("{ok,{{input,"), "{io}");
}
