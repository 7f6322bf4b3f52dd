%% Benchmark: spawn 100,000 processes that each reply to the parent; 8 rounds
%% (one round is only ~0.15 s on erl).
-module(b_spawn).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    N = id(100000),
    T0 = erlang:monotonic_time(microsecond),
    Self = self(),
    R = lists:sum([begin spawn_all(N, Self), collect(N, 0) end || _ <- lists:seq(1, id(8))]),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, spawn, T1 - T0, R}),
    halt().

spawn_all(0, _) -> ok;
spawn_all(I, Parent) ->
    spawn(fun() -> Parent ! {reply, I} end),
    spawn_all(I - 1, Parent).

collect(0, Acc) -> Acc;
collect(N, Acc) -> receive {reply, I} -> collect(N - 1, Acc + I) end.
