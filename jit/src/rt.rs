//! The runtime entry points generated code calls, by address. All take and
//! return 64-bit words with the platform's C calling convention.

use girder_runtime::abi as native;

/// A runtime function: its address and parameter count; every one returns
/// an i64 (ignored where meaningless).
#[derive(Clone, Copy)]
pub struct RtFn {
    pub addr: usize,
    pub params: u8,
    /// Its position in `ALL`, or `NO_ID` (a BIF, found by address).
    pub id: u32,
}

pub const NO_ID: u32 = u32::MAX;

/// Defines one function per runtime entry point, returning its `RtFn`,
/// and `ALL`, every one of them in a fixed order: `reloc::code_table`
/// numbers runtime functions by it, so that relocated code names a
/// runtime function by index rather than by address. (By index, not by
/// address: rustc may give a small function a local copy in each codegen
/// unit, so one function can have several addresses.)
macro_rules! rt_table {
    ($(($name:ident, $path:path, $n:expr)),* $(,)?) => {
        #[allow(non_camel_case_types)]
        enum Id {
            $($name),*
        }
        $(
            pub fn $name() -> RtFn {
                RtFn {
                    addr: $path as *const () as usize,
                    params: $n,
                    id: Id::$name as u32,
                }
            }
        )*
        pub const ALL: &[fn() -> RtFn] = &[$($name),*];
    };
}

rt_table! {
    (gc, native::gc::rt_gc, 3),
    (handle_error, native::error::rt_handle_error, 1),
    (raise_kind, native::error::rt_raise_kind, 3),
    (function_clause, native::error::rt_function_clause, 1),
    (unsupported, native::error::rt_unsupported, 2),
    (resolve_export, native::call::rt_resolve_export, 2),
    (apply, native::call::rt_apply, 2),
    (apply_list, native::call::rt_apply_list, 2),
    (call_fun, native::call::rt_call_fun, 2),
    (make_fun, native::call::rt_make_fun, 3),
    (catch_end, native::error::rt_catch_end, 1),
    (raise_instr, native::error::rt_raise_instr, 3),
    (cmp, girder_runtime::data::compare::rt_cmp, 2),
    (eq, girder_runtime::data::compare::rt_eq, 2),
    (eq_exact, girder_runtime::data::compare::rt_eq_exact, 2),
    (send, native::recv::rt_send, 3),
    (recv_peek, native::recv::rt_recv_peek, 1),
    (recv_next, native::recv::rt_recv_next, 1),
    (recv_remove, native::recv::rt_recv_remove, 1),
    (recv_wait_timeout, native::recv::rt_recv_wait_timeout, 2),
    (recv_timeout, native::recv::rt_recv_timeout, 1),
    (recv_marker_reserve, native::recv::rt_recv_marker_reserve, 1),
    (recv_marker_bind, native::recv::rt_recv_marker_bind, 3),
    (recv_marker_clear, native::recv::rt_recv_marker_clear, 2),
    (recv_marker_use, native::recv::rt_recv_marker_use, 2),
    (is_function2, girder_runtime::abi::call::rt_is_function2, 2),
    (raw_raise, native::error::rt_raw_raise, 4),
    (debug_overflow, native::error::rt_debug_overflow, 2),
    (bif_frame, native::error::rt_bif_frame, 3),
    (unsupported_literal, native::error::rt_unsupported_literal, 2),
    (fconv, native::float::rt_fconv, 1),
    (float_badarith, native::float::rt_float_badarith, 1),
    (bs_create_bin, native::bs::rt_bs_create_bin, 3),
    (bs_init_writable, native::bs::rt_bs_init_writable, 2),
    (bs_start_match, native::bs::rt_bs_start_match, 2),
    (bs_get_integer, native::bs::rt_bs_get_integer, 4),
    (bs_get_float, native::bs::rt_bs_get_float, 4),
    (bs_get_binary, native::bs::rt_bs_get_binary, 4),
    (bs_skip_bits, native::bs::rt_bs_skip_bits, 3),
    (bs_test_tail, native::bs::rt_bs_test_tail, 2),
    (bs_test_unit, native::bs::rt_bs_test_unit, 2),
    (bs_match_string, native::bs::rt_bs_match_string, 3),
    (bs_get_tail, native::bs::rt_bs_get_tail, 2),
    (bs_get_position, native::bs::rt_bs_get_position, 1),
    (bs_set_position, native::bs::rt_bs_set_position, 2),
    (bs_get_utf, native::bs::rt_bs_get_utf, 2),
    (is_binary, native::bs::rt_is_binary, 1),
    (build_stacktrace, native::error::rt_build_stacktrace, 1),
    (put_map, native::map::rt_put_map, 4),
    (map_get, native::map::rt_map_get, 2),
    (bs_badarg, native::bs::rt_bs_badarg, 1),
    (bs_add, native::bs::rt_bs_add, 4),
    (bs_utf_size, native::bs::rt_bs_utf_size, 2),
    (trace_bif, native::call::rt_trace_bif, 3),
    (trace_bif_trapped, native::call::rt_trace_bif_trapped, 2),
}
