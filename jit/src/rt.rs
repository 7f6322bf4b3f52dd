//! The runtime entry points generated code calls, by address. All take and
//! return 64-bit words with the platform's C calling convention.

use girder_runtime::abi as native;

/// A runtime function: its address and parameter count; every one returns
/// an i64 (ignored where meaningless).
#[derive(Clone, Copy)]
pub struct RtFn {
    pub addr: usize,
    pub params: u8,
}

macro_rules! rt {
    ($name:ident, $path:path, $n:expr) => {
        pub fn $name() -> RtFn {
            RtFn {
                addr: $path as *const () as usize,
                params: $n,
            }
        }
    };
}

rt!(gc, native::gc::rt_gc, 3);
rt!(handle_error, native::error::rt_handle_error, 1);
rt!(raise_kind, native::error::rt_raise_kind, 3);
rt!(function_clause, native::error::rt_function_clause, 1);
rt!(unsupported, native::error::rt_unsupported, 2);
rt!(resolve_export, native::call::rt_resolve_export, 2);
rt!(apply, native::call::rt_apply, 2);
rt!(apply_list, native::call::rt_apply_list, 2);
rt!(call_fun, native::call::rt_call_fun, 2);
rt!(make_fun, native::call::rt_make_fun, 3);
rt!(catch_end, native::error::rt_catch_end, 1);
rt!(raise_instr, native::error::rt_raise_instr, 3);
rt!(cmp, girder_runtime::data::compare::rt_cmp, 2);
rt!(eq, girder_runtime::data::compare::rt_eq, 2);
rt!(eq_exact, girder_runtime::data::compare::rt_eq_exact, 2);
rt!(send, native::recv::rt_send, 3);
rt!(recv_peek, native::recv::rt_recv_peek, 1);
rt!(recv_next, native::recv::rt_recv_next, 1);
rt!(recv_remove, native::recv::rt_recv_remove, 1);
rt!(recv_wait_timeout, native::recv::rt_recv_wait_timeout, 2);
rt!(recv_timeout, native::recv::rt_recv_timeout, 1);
rt!(recv_marker_reserve, native::recv::rt_recv_marker_reserve, 1);
rt!(recv_marker_bind, native::recv::rt_recv_marker_bind, 3);
rt!(recv_marker_clear, native::recv::rt_recv_marker_clear, 2);
rt!(recv_marker_use, native::recv::rt_recv_marker_use, 2);
rt!(is_function2, girder_runtime::abi::call::rt_is_function2, 2);
rt!(raw_raise, native::error::rt_raw_raise, 4);
rt!(debug_overflow, native::error::rt_debug_overflow, 2);
rt!(bif_frame, native::error::rt_bif_frame, 3);
rt!(
    unsupported_literal,
    native::error::rt_unsupported_literal,
    2
);
rt!(fconv, native::float::rt_fconv, 1);
rt!(float_badarith, native::float::rt_float_badarith, 1);
rt!(bs_create_bin, native::bs::rt_bs_create_bin, 3);
rt!(bs_init_writable, native::bs::rt_bs_init_writable, 2);
rt!(bs_start_match, native::bs::rt_bs_start_match, 2);
rt!(bs_get_integer, native::bs::rt_bs_get_integer, 4);
rt!(bs_get_float, native::bs::rt_bs_get_float, 4);
rt!(bs_get_binary, native::bs::rt_bs_get_binary, 4);
rt!(bs_skip_bits, native::bs::rt_bs_skip_bits, 3);
rt!(bs_test_tail, native::bs::rt_bs_test_tail, 2);
rt!(bs_test_unit, native::bs::rt_bs_test_unit, 2);
rt!(bs_match_string, native::bs::rt_bs_match_string, 3);
rt!(bs_get_tail, native::bs::rt_bs_get_tail, 2);
rt!(bs_get_position, native::bs::rt_bs_get_position, 1);
rt!(bs_set_position, native::bs::rt_bs_set_position, 2);
rt!(bs_get_utf, native::bs::rt_bs_get_utf, 2);
rt!(is_binary, native::bs::rt_is_binary, 1);
rt!(build_stacktrace, native::error::rt_build_stacktrace, 1);
rt!(put_map, native::map::rt_put_map, 4);
rt!(map_get, native::map::rt_map_get, 2);
rt!(bs_badarg, native::bs::rt_bs_badarg, 1);
