-module(t_internal_probe).
-export([main/0]).

%% erts_debug internal-state items and allocator-info requests that OTP's
%% emulator suites use (bs_bit_binaries, erts_debug, unique, timer_bif,
%% ets heir).
main() ->
    erts_debug:set_internal_state(available_internal_state, true),
    binary_info(),
    stack_check(),
    unique(),
    next_pid(),
    memory_internal(),
    multizero(),
    process_status(),
    M = erts_debug:get_internal_state(memory),
    erlang:display([K || {K, V} <- M, is_integer(V), V > 0] -- [maximum]),
    bad_items(),
    erts_debug:set_internal_state(available_internal_state, false),
    ok.

info(B) -> erts_debug:get_internal_state({binary_info, B}).

binary_info() ->
    erlang:display(info(<<1, 2, 3>>)),
    erlang:display(info(append(<<>>, 100))),
    erlang:display(info(append(<<>>, 2048))),
    B3 = list_to_binary(lists:duplicate(100, 1)),
    erlang:display(info(B3)),
    B4 = <<B3/binary, 1>>,
    erlang:display(info(B4)),
    B5 = <<B4/binary, 1>>,
    erlang:display(info(B5)),
    erlang:display(e(fun() -> info(<<1:1>>) end)),
    erlang:display(e(fun() -> info(atom) end)).

append(B, 0) -> B;
append(B, N) -> append(<<B/bits, 1:1>>, N - 1).

stack_check() ->
    S = erts_debug:get_internal_state(stack_check),
    erlang:display(is_integer(S) andalso S > 10000).

%% unique_SUITE's layout: thread id in the low bits above MIN_SMALL.
unique() ->
    Scheds = erlang:system_info(schedulers) + erlang:system_info(dirty_cpu_schedulers)
        + erlang:system_info(dirty_io_schedulers),
    Bits = bits(Scheds, 0),
    MinSmall = -(1 bsl 59),
    Make = fun(T, V) -> erts_debug:get_internal_state({make_unique_integer, T, V}) end,
    Expect = fun(T, V) -> ((V bsl Bits) bor T) + MinSmall end,
    Cases = [{0, 0}, {1, 0}, {Scheds, 5}, {1, 1 bsl 40}, {1, (1 bsl 64) - 1}, {0, 1 bsl 63}],
    erlang:display([Make(T, V) =:= Expect(T, V) || {T, V} <- Cases]),
    U = erlang:unique_integer(),
    Thr = (U - MinSmall) band ((1 bsl Bits) - 1),
    erlang:display(Thr >= 1 andalso Thr =< Scheds),
    erlang:display(e(fun() -> Make(-1, 0) end)),
    erlang:display(e(fun() -> Make(0, 1 bsl 64) end)).

bits(N, S) when N < 1 bsl S -> S;
bits(N, S) -> bits(N, S + 1).

next_pid() ->
    N = erts_debug:get_internal_state(next_pid),
    erlang:display(is_integer(N)),
    [P1, P2] = [spawn_wait() || _ <- [1, 2]],
    erlang:display(is_integer(erts_debug:set_internal_state(next_pid, N))),
    erlang:display(respawn(P2, 10)),
    erlang:display(P1 =/= P2).

spawn_wait() ->
    {P, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, P, _} -> P end.

respawn(_, 0) -> failed;
respawn(P, K) ->
    case spawn(fun() -> ok end) of
        P -> same_pid;
        _ -> respawn(P, K - 1)
    end.

memory_internal() ->
    Ref = make_ref(),
    true = erlang:system_info({memory_internal, Ref, [fix_alloc, sys_alloc]}),
    N = erts_internal:no_aux_work_threads() - 1,
    erlang:display(N >= 1),
    Replies = [receive {Ref, Ix, L} when is_integer(Ix) -> [element(1, E) || E <- L] end
               || _ <- lists:seq(1, N)],
    erlang:display(lists:usort(lists:append(Replies))),
    erlang:display(e(fun() -> erlang:system_info({memory_internal, Ref, [fix_alloc, fix_alloc]}) end)),
    erlang:display(e(fun() -> erlang:system_info({memory_internal, Ref, [nope_alloc]}) end)),
    erlang:display(e(fun() -> erlang:system_info({memory_internal, self(), [fix_alloc]}) end)),
    erlang:display(e(fun() -> erlang:system_info({memory_internal, Ref, [fix_alloc | x]}) end)),
    receive Other -> erlang:display({unexpected, Other}) after 50 -> ok end.

multizero() ->
    T0 = erlang:monotonic_time(millisecond),
    erts_debug:set_internal_state(multizero_timeout_in_timeout, 20),
    receive
        multizero_timeout_in_timeout_done ->
            erlang:display(erlang:monotonic_time(millisecond) - T0 >= 20)
    after 2000 -> erlang:display(timeout)
    end.

process_status() ->
    St = fun(P) -> erts_debug:get_internal_state({process_status, P}) end,
    erlang:display(St(self())),
    {P, Ref} = spawn_monitor(fun() -> receive stop -> ok end end),
    erlang:yield(),
    erlang:display(St(P)),
    P ! stop,
    receive {'DOWN', Ref, process, P, _} -> ok end,
    erlang:display(wait_gone(St, P, 100)),
    erlang:display(e(fun() -> St(not_a_pid) end)).

wait_gone(_, _, 0) -> still_there;
wait_gone(St, P, N) ->
    case St(P) of
        undefined -> undefined;
        _ -> receive after 10 -> wait_gone(St, P, N - 1) end
    end.

bad_items() ->
    erlang:display(e(fun() -> erts_debug:set_internal_state(next_pid, -1) end)),
    erlang:display(e(fun() -> erts_debug:set_internal_state(multizero_timeout_in_timeout, x) end)),
    erlang:display(e(fun() -> erts_debug:get_internal_state({make_unique_integer, a, 1}) end)).

e(F) ->
    try F() of V -> {value, V} catch C:R -> {C, R} end.
