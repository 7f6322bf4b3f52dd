//! `erlang:system_info/1` for the items programs and OTP's own libraries
//! ask about. Values describe girder where they differ (one scheduler runs)
//! and otherwise follow what OTP 25's erl reports; an unknown item is
//! `badarg`, as in BEAM.

use super::{bif, BifDef};
use crate::data::build::{make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::Term;

/// `system_info(system_version)` (also the crash dump's header).
pub const SYSTEM_VERSION: &str = "Erlang/OTP 25 [girder] [jit:cranelift]\n";

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "system_info", 1, system_info_1),
    bif!("error_logger", "warning_map", 0, warning_map_0),
];

/// `error_logger:warning_map/0`: the level warnings are mapped to for old
/// error_logger handlers (erl's `+W`). girder accepts `+W` and ignores it
/// (vm/src/emu_flags.rs), so this is BEAM's default, `warning`. The
/// logger's `error_logger` handler calls it for every warning it forwards.
fn warning_map_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    atom::intern("warning")
}

fn system_info_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let item = args[0];
    if item.is_tuple() {
        // {wordsize, internal | external}
        // SAFETY: checked to be a tuple.
        let (n, a, b) = unsafe {
            let n = item.tuple_arity();
            (
                n,
                item.tuple_elem(0),
                if n > 1 {
                    item.tuple_elem(1)
                } else {
                    am::UNDEFINED
                },
            )
        };
        if n == 2 && atom::name(a) == "wordsize" && matches!(atom::name(b), "internal" | "external")
        {
            return Term::small(8);
        }
        // No alloc_util allocators (see "alloc_util_allocators"): no sizes.
        if n == 2 && a.is_atom() && atom::name(a) == "allocator_sizes" {
            return crate::term::NIL;
        }
        if n == 3 && a.is_atom() && matches!(atom::name(a), "memory_internal" | "allocator_sizes") {
            // SAFETY: arity 3.
            let allocs = unsafe { item.tuple_elem(2) };
            return super::alloc_info::request(ctx, b, allocs);
        }
        return ctx.badarg();
    }
    if !item.is_atom() {
        return ctx.badarg();
    }
    let small = |v: i64| Term::small(v);
    match atom::name(item) {
        "wordsize" => small(8),
        "schedulers"
        | "schedulers_online"
        | "dirty_cpu_schedulers"
        | "dirty_cpu_schedulers_online" => small(1),
        "dirty_io_schedulers" => small(1),
        "logical_processors" | "logical_processors_online" | "logical_processors_available" => {
            small(std::thread::available_parallelism().map_or(1, |n| n.get() as i64))
        }
        "otp_release" => make_string(ctx, "25"),
        "version" => make_string(ctx, "13.1.5"),
        "system_version" => make_string(ctx, SYSTEM_VERSION),
        "machine" => make_string(ctx, "BEAM"),
        "creation" => small(0),
        "context_reductions" => small(crate::heap::ctx::CONTEXT_REDS),
        "build_type" | "emu_type" => atom::intern("opt"),
        "emu_flavor" => atom::intern("jit"),
        "process_limit" => small(262144),
        "atom_limit" => small(crate::term::atom::MAX_ATOMS as i64),
        "atom_count" => small(crate::term::atom::count() as i64),
        "port_limit" => small(65536),
        // BEAM's default: twice the schedulers (erts_code_purger's limit
        // on check_process_code requests in flight).
        "outstanding_system_requests_limit" => {
            small(super::sysflag::outstanding_system_requests_limit() as i64)
        }
        "smp_support" | "threads" => am::TRUE,
        "debug_compiled" | "kernel_poll" => am::FALSE,
        "thread_pool_size" => small(1),
        "heap_type" => atom::intern("private"),
        "max_heap_size" => {
            let m = crate::proc::max_heap::MaxHeap::default();
            crate::proc::max_heap::to_map(ctx, m)
        }
        "min_heap_size" => make_tuple(
            ctx,
            &[
                atom::intern("min_heap_size"),
                small(crate::heap::process::DEFAULT_HEAP_WORDS as i64),
            ],
        ),
        "system_logger" => crate::proc::syslog::get(),
        "process_count" => small(crate::proc::ptable::count() as i64),
        // Girder allocates with the system allocator: no alloc_util
        // allocators (erts_debug:alloc_blocks_size/1 then says undefined).
        "alloc_util_allocators" => crate::term::NIL,
        // ETS tables are compressed only when asked (erl's +ec is off).
        "ets_always_compress" => am::FALSE,
        // os:type/0 (filename, compile): girder builds for unix targets.
        "os_type" => make_tuple(
            ctx,
            &[atom::intern("unix"), atom::intern(std::env::consts::OS)],
        ),
        // os:version/0: the kernel release's first three numbers.
        "os_version" => {
            let [a, b, c] = os_version(&kernel_release());
            make_tuple(ctx, &[small(a), small(b), small(c)])
        }
        _ => super::sysinfo_more::item(ctx, item),
    }
}

/// `uname`'s release string ("6.1.0-18-amd64").
fn kernel_release() -> String {
    // SAFETY: an all-zero utsname is valid; uname fills it with
    // NUL-terminated strings.
    unsafe {
        let mut u: libc::utsname = std::mem::zeroed();
        if libc::uname(&mut u) != 0 {
            return String::new();
        }
        std::ffi::CStr::from_ptr(u.release.as_ptr())
            .to_string_lossy()
            .into_owned()
    }
}

/// Major, minor and build numbers of a release string as erts reads them:
/// each dot-separated part's leading digits; a part that does not start
/// with a digit gives 0 and ends the reading.
fn os_version(release: &str) -> [i64; 3] {
    let mut out = [0; 3];
    let mut rest = release;
    for o in &mut out {
        if !rest.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        let (part, next) = rest.split_once('.').unwrap_or((rest, ""));
        let digits = part.bytes().take_while(u8::is_ascii_digit);
        *o = digits.fold(0i64, |v, d| {
            v.saturating_mul(10).saturating_add((d - b'0') as i64)
        });
        rest = next;
    }
    out
}

#[cfg(test)]
mod os_version_tests {
    #[test]
    fn release_strings_read_as_erts_does() {
        assert_eq!(super::os_version("6.18.44"), [6, 18, 44]);
        assert_eq!(super::os_version("6.1.0-18-amd64"), [6, 1, 0]);
        assert_eq!(super::os_version("5.15"), [5, 15, 0]);
        assert_eq!(super::os_version("4.x.2"), [4, 0, 0]);
        assert_eq!(super::os_version(""), [0, 0, 0]);
    }
}
