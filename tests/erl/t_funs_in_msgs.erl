%% Funs and closures sent in messages and run by other processes; a
%% generic worker pool that applies whatever fun it is given.
-module(t_funs_in_msgs).
-export([main/0, square/1]).

square(X) -> X * X.

main() ->
    Self = self(),
    Worker = spawn(fun() -> worker() end),
    K = 7,
    Jobs = [fun() -> K * 6 end,
            fun() -> lists:sum(lists:seq(1, 100)) end,
            fun() -> square(12) end,
            fun() -> ?MODULE:square(1 bsl 40) end,
            fun() -> [X * K || X <- [1, 2, 3]] end],
    Results = [run(Worker, J) || J <- Jobs],
    erlang:display(Results),
    erlang:display(run(Worker, fun() -> erlang:error(boom) end)),
    erlang:display(run(Worker, fun() -> throw(thrown_in_worker) end)),
    %% external fun through a message
    Worker ! {apply, Self, fun ?MODULE:square/1, [9]},
    receive {result, R} -> erlang:display({ext_fun, R}) end,
    %% a parallel map over a pool
    erlang:display(pmap(fun(X) -> X * X * X end, lists:seq(1, 50))),
    Worker ! stop,
    %% a continuation passed around a chain of processes
    Chain = lists:foldl(fun(I, Next) -> spawn(fun() -> stage(I, Next) end) end, Self, lists:seq(1, 10)),
    Chain ! {value, 0, fun(V, I) -> V * 2 + I end},
    receive {value, V, _} -> erlang:display({chain_result, V}) end,
    ok.

run(Worker, F) ->
    Worker ! {run, self(), F},
    receive {result, R} -> R end.

worker() ->
    receive
        {run, From, F} ->
            R = try {ok, F()} catch C:E -> {C, E} end,
            From ! {result, R},
            worker();
        {apply, From, F, Args} ->
            From ! {result, apply(F, Args)},
            worker();
        stop -> ok
    end.

pmap(F, L) ->
    Self = self(),
    Pids = [spawn(fun() -> Self ! {self(), F(X)} end) || X <- L],
    [receive {P, R} -> R end || P <- Pids].

stage(I, Next) ->
    receive {value, V, F} -> Next ! {value, F(V, I), F} end.
