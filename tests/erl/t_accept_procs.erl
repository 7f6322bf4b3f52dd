%% Acceptance: 100,000 live processes at once, each receives a message and
%% answers; all stay alive until every one has been spawned.
-module(t_accept_procs).
-export([main/0]).

main() ->
    Self = self(),
    N = 100000,
    Pids = [spawn(fun() -> worker(Self) end) || _ <- lists:seq(1, N)],
    erlang:display(length(Pids)),
    [P ! {ping, I} || {P, I} <- lists:zip(Pids, lists:seq(1, N))],
    Sum = collect(N, 0),
    erlang:display(Sum),
    erlang:display(Sum =:= N * (N + 1)),
    ok.

worker(Parent) ->
    receive
        {ping, I} -> Parent ! {pong, 2 * I}
    end.

collect(0, Acc) -> Acc;
collect(K, Acc) ->
    receive
        {pong, V} -> collect(K - 1, Acc + V)
    end.
