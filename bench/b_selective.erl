%% Benchmark: request/reply with make_ref-tagged selective receive while
%% unrelated messages sit in the mailbox (receive-marker optimisation).
-module(b_selective).
-export([main/0, id/1]).

id(X) -> X.

server() ->
    receive
        {From, Ref, N} -> From ! {Ref, N + 1}, server();
        stop -> ok
    end.

call(S, N) ->
    Ref = make_ref(),
    S ! {self(), Ref, N},
    receive {Ref, R} -> R end.

loop(_, 0, Acc) -> Acc;
loop(S, K, Acc) -> loop(S, K - 1, (Acc + call(S, K)) rem 1000000007).

main() ->
    S = spawn(fun server/0),
    [self() ! {noise, I} || I <- lists:seq(1, 1000)],
    T0 = erlang:monotonic_time(microsecond),
    R = loop(S, id(2000000), 0),
    T1 = erlang:monotonic_time(microsecond),
    S ! stop,
    erlang:display({bench, selective, T1 - T0, R}),
    halt().
