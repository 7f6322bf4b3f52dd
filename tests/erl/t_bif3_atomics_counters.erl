%% atomics (signed and unsigned, wrapping, exchange, compare_exchange,
%% info) and counters (atomics and write_concurrency backends).
-module(t_bif3_atomics_counters).
-export([main/0]).

main() ->
    A = atomics:new(4, []),
    erlang:display({is_ref, is_reference(A)}),
    erlang:display({initial, [atomics:get(A, I) || I <- lists:seq(1, 4)]}),
    ok = atomics:put(A, 1, 42),
    ok = atomics:add(A, 1, 8),
    erlang:display({add_get, atomics:add_get(A, 1, 10), atomics:sub_get(A, 1, 100), atomics:get(A, 1)}),
    ok = atomics:sub(A, 2, 5),
    erlang:display({exchange, atomics:exchange(A, 2, 7), atomics:get(A, 2)}),
    erlang:display({cas, atomics:compare_exchange(A, 2, 7, 9), atomics:compare_exchange(A, 2, 7, 11), atomics:get(A, 2)}),
    Max = (1 bsl 63) - 1,
    ok = atomics:put(A, 3, Max),
    erlang:display({signed_wrap, atomics:add_get(A, 3, 1), atomics:sub_get(A, 3, 1)}),
    erlang:display({info, atomics:info(A)}),
    U = atomics:new(2, [{signed, false}]),
    erlang:display({unsigned_wrap, atomics:sub_get(U, 1, 1), atomics:add_get(U, 1, 2)}),
    ok = atomics:put(U, 2, (1 bsl 64) - 1),
    erlang:display({unsigned_max, atomics:get(U, 2), atomics:info(U)}),
    Bad = [fun() -> atomics:get(A, 0) end, fun() -> atomics:get(A, 5) end, fun() -> atomics:put(A, 1, 1 bsl 64) end,
           fun() -> atomics:put(U, 1, -1) end, fun() -> atomics:add(A, 1, foo) end, fun() -> atomics:get(make_ref(), 1) end,
           fun() -> atomics:new(0, []) end, fun() -> atomics:new(2, [bad]) end, fun() -> atomics:add(A, 1, 1 bsl 65) end],
    erlang:display({badargs, [try F() of V -> {ok, V} catch error:R -> R end || F <- Bad]}),
    %% shared between processes
    Self = self(),
    Ws = [spawn(fun() -> [atomics:add(A, 4, 1) || _ <- lists:seq(1, 1000)], Self ! done end) || _ <- lists:seq(1, 5)],
    [receive done -> ok end || _ <- Ws],
    erlang:display({shared, atomics:get(A, 4)}),
    %% counters
    C = counters:new(3, []),
    ok = counters:add(C, 1, 5),
    ok = counters:sub(C, 1, 2),
    ok = counters:put(C, 2, 100),
    erlang:display({counters, [counters:get(C, I) || I <- [1, 2, 3]], counters:info(C)}),
    W = counters:new(2, [write_concurrency]),
    [counters:add(W, 1, I) || I <- lists:seq(1, 10)],
    counters:sub(W, 2, 3),
    erlang:display({wc_counters, [counters:get(W, I) || I <- [1, 2]], maps:get(size, counters:info(W))}),
    erlang:display({counters_bad, try counters:get(C, 4) catch error:E -> E end}),
    ok.
