%% Benchmark: message ring of 1000 processes; 5 laps of 1,000,000 hops each
%% (one lap of 1M hops is only ~0.25 s on erl).
-module(b_ring).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    N = id(1000), Hops = id(1000000),
    T0 = erlang:monotonic_time(microsecond),
    First = build(N - 1, self()),
    R = laps(id(5), First, Hops, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, ring, T1 - T0, R}),
    halt().

%% spawn the other N-1 ring members; the main process closes the ring
build(0, Next) -> Next;
build(K, Next) -> build(K - 1, spawn(fun() -> hop(Next) end)).

hop(Next) ->
    receive
        {token, K} -> Next ! {token, K - 1}, hop(Next);
        stop -> Next ! stop
    end.

%% a lap starts with counter Hops-1 at the first member; the counter is
%% decremented at every hop and, Hops being a multiple of the ring size,
%% reaches 0 when it arrives at the main process
laps(0, First, _, Acc) ->
    First ! stop,
    receive stop -> Acc end;
laps(K, First, Hops, Acc) ->
    First ! {token, Hops - 1},
    laps(K - 1, First, Hops, Acc + wait_token(First, 1)).

wait_token(First, Seen) ->
    receive
        {token, 0} -> Seen;
        {token, K} -> First ! {token, K - 1}, wait_token(First, Seen + 1)
    end.
