%% system_info items, scheduler flags, persistent_term:info/0, the internal_hash
%% internal state, display_string/1, halt/2 option checks, module_info(functions)
%% and apply(erlang, apply, ...) stack traces: what OTP's emulator suites ask of them.
-module(t_fid_sysinfo).
-export([main/0, local_user/1]).

c(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

local_user(X) -> local_helper(X) + 1.
local_helper(X) -> X * 2.

main() ->
    erlang:display(erlang:system_info(endian)),
    EI = erlang:system_info(ethread_info),
    erlang:display(is_list(EI) andalso
                   lists:keyfind("64-bit native atomics", 1, EI) =/= false),
    Snifs = erlang:system_info(snifs),
    erlang:display({length(Snifs), length(lists:usort(Snifs))}),
    erlang:display([lists:member(MFA, Snifs) ||
                       MFA <- [{erlang, error, 3}, {erlang, setelement, 3}, {maps, get, 2}]]),
    erlang:display(lists:all(fun({M, F, A}) -> erlang:is_builtin(M, F, A) end, Snifs)),
    erlang:display([erlang:system_info(I) ||
                       I <- [time_warp_mode, time_correction, tolerant_timeofday,
                             trace_control_word, dynamic_trace, dynamic_trace_probes,
                             lock_checking, lock_counting, taints, compat_rel,
                             message_queue_data, dist_ctrl, sequential_tracer,
                             modified_timing_level, multi_scheduling_blockers,
                             normal_multi_scheduling_blockers, update_cpu_info, cpu_quota,
                             break_ignored, port_parallelism]]),
    erlang:display(c(fun() -> erlang:system_info(no_such_item) end)),
    %% process_flag(scheduler, N): 0 unbinds; the old binding is returned.
    erlang:display([c(fun() -> process_flag(scheduler, V) end) || V <- [1, 1, 0, 0, -1, a]]),
    Online = erlang:system_info(schedulers_online),
    erlang:display(Online =:= erlang:system_flag(schedulers_online, Online)),
    erlang:display([c(fun() -> erlang:system_flag(schedulers_online, V) end) || V <- [0, a, -1]]),
    %% persistent_term:info/0
    #{count := C0, memory := M0} = persistent_term:info(),
    persistent_term:put({?MODULE, k}, {a, value, [1, 2, 3]}),
    #{count := C1, memory := M1} = persistent_term:info(),
    erlang:display({C1 - C0, M1 > M0}),
    true = persistent_term:erase({?MODULE, k}),
    #{count := C2} = persistent_term:info(),
    erlang:display(C2 - C0),
    erlang:display(lists:sort(maps:keys(persistent_term:info()))),
    %% make_internal_hash
    erts_debug:set_internal_state(available_internal_state, true),
    erlang:display([erts_debug:get_internal_state({internal_hash, T}) ||
                       T <- [1, -5, 1 bsl 70, 1.5, {1, 2}, [1, 2 | 3], <<"abc">>, #{1 => 2},
                             "string", ok, true, []]]),
    erlang:display(is_map(erts_debug:get_internal_state(persistent_term))),
    %% display_string/1 writes to stderr and returns true.
    erlang:display([c(fun() -> erlang:display_string(S) end) ||
                       S <- ["", "\n", [1100, 1200], atom, [a], [-1], [1 | 2]]]),
    %% halt/2 with a bad status or bad options raises badarg.
    erlang:display([c(fun() -> halt(S, O) end) ||
                       {S, O} <- [{undefined, []}, {0, undefined}, {0, [undefined]},
                                  {0, [{undefined, true}]}, {0, [{flush, undefined}]},
                                  {0, [{flush, true, undefined}]}, {0, [{flush, true} | x]}]]),
    erlang:display([c(fun() -> erlang:halt(S) end) || S <- [undefined, -1, 1.0]]),
    %% module_info(functions) lists local functions too, in code order.
    erlang:display(?MODULE:module_info(functions)),
    erlang:display(lists:member({local_helper, 1}, module_info(functions))),
    %% apply(erlang, apply, ...) leaves no erlang:apply frame.
    {P, R} = spawn_monitor(fun() -> deep(3) end),
    receive {'DOWN', R, process, P, Why} -> erlang:display(Why) end,
    erlang:display(local_user(1)),
    ok.

deep(0) ->
    erlang:apply(id(erlang), id(apply), [id(erlang), id(error), id([oops, [double]])]);
deep(N) ->
    deep(N - 1),
    id(ok).

id(X) -> X.
