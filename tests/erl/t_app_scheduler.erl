%% A priority-queue job scheduler: a dispatcher process keeps jobs in a
%% gb_trees priority queue and hands them to worker processes on request;
%% workers report results; the main process collects them with selective
%% receive. Output is deterministic (results sorted, no pids printed).
-module(t_app_scheduler).
-export([main/0]).

main() ->
    Self = self(),
    Disp = spawn_link(fun() -> dispatcher(gb_trees:empty(), 0, [], Self) end),
    Jobs = [{job, I, prio(I), work(I)} || I <- lists:seq(1, 40)],
    [Disp ! {submit, J} || J <- Jobs],
    Disp ! {query, self()},
    receive {queued, N, Top} -> io:format("queued ~b jobs, first out: ~p~n", [N, Top]) end,
    Workers = [spawn_link(fun() -> worker(W, Disp, Self, 0) end) || W <- lists:seq(1, 4)],
    io:format("~b workers started~n", [length(Workers)]),
    Results = collect(40, []),
    %% stop workers: each asks once more and gets 'done'
    Stats = [receive {worker_done, W, Count} -> {W, Count} end || W <- lists:seq(1, 4)],
    io:format("workers done: ~b, jobs per worker sum: ~b~n", [length(Stats), lists:sum([C || {_, C} <- Stats])]),
    Disp ! {order, self()},
    Order = receive {order, O} -> O end,
    io:format("dispatch order (by priority then id):~n  ~w~n", [Order]),
    Sorted = lists:keysort(1, Results),
    lists:foreach(fun({Id, P, Kind, R}) ->
                          io:format("job ~2b prio ~b ~-8s -> ~p~n", [Id, P, Kind, R])
                  end, Sorted),
    Failed = [Id || {Id, _, _, {error, _}} <- Sorted],
    io:format("failed jobs: ~w~n", [Failed]),
    %% order property: within dispatch, priorities are non-decreasing
    Prios = [prio(I) || I <- Order],
    io:format("dispatch sorted by priority: ~p~n", [Prios =:= lists:sort(Prios)]),
    %% selective receive: out-of-order replies from a pipeline
    Stages = lists:foldl(fun(F, Next) -> spawn_link(fun() -> stage(F, Next) end) end, self(),
                         [fun(X) -> X * 2 end, fun(X) -> X + 3 end, fun(X) -> X * X end]),
    [Stages ! {val, K, K} || K <- lists:seq(1, 10)],
    Vals = [receive {val, K, V} -> {K, V} end || K <- lists:reverse(lists:seq(1, 10))],
    io:format("pipeline: ~w~n", [Vals]),
    Stages ! {stop, 0},
    receive {stop, Depth} -> io:format("pipeline stopped after ~b stages~n", [Depth]) end,
    unlink(Disp),
    Disp ! stop,
    ok.

prio(I) -> (I * 7) rem 5.

work(I) when I rem 11 =:= 0 -> {divide, I, 0};
work(I) when I rem 3 =:= 0 -> {fib, 20 + I rem 7};
work(I) when I rem 3 =:= 1 -> {sort, [(X * I * 31) rem 97 || X <- lists:seq(1, 20)]};
work(I) -> {primes, 50 + I * 5}.

dispatcher(Q, Seq, Order, Main) ->
    receive
        {submit, {job, Id, P, _} = J} ->
            dispatcher(gb_trees:insert({P, Id}, J, Q), Seq + 1, Order, Main);
        {query, From} ->
            {K, _} = gb_trees:smallest(Q),
            From ! {queued, gb_trees:size(Q), K},
            dispatcher(Q, Seq, Order, Main);
        {want, From} ->
            case gb_trees:is_empty(Q) of
                true -> From ! done, dispatcher(Q, Seq, Order, Main);
                false ->
                    {_, {job, Id, _, _} = J, Q1} = gb_trees:take_smallest(Q),
                    From ! J,
                    dispatcher(Q1, Seq, [Id | Order], Main)
            end;
        {order, From} -> From ! {order, lists:reverse(Order)}, dispatcher(Q, Seq, Order, Main);
        stop -> ok
    end.

worker(W, Disp, Main, Count) ->
    Disp ! {want, self()},
    receive
        {job, Id, P, Work} ->
            R = try run(Work) of V -> {ok, V} catch error:E -> {error, E} end,
            Main ! {result, Id, P, element(1, Work), R},
            worker(W, Disp, Main, Count + 1);
        done ->
            Main ! {worker_done, W, Count}
    end.

run({divide, A, B}) -> A div B;
run({fib, N}) -> fib(N);
run({sort, L}) -> lists:sublist(lists:sort(L), 5);
run({primes, N}) -> length([X || X <- lists:seq(2, N), is_prime(X)]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

is_prime(X) -> lists:all(fun(D) -> X rem D =/= 0 end, lists:seq(2, trunc(math:sqrt(X)))).

collect(0, Acc) -> Acc;
collect(N, Acc) ->
    receive
        {result, Id, P, Kind, R} -> collect(N - 1, [{Id, P, Kind, R} | Acc])
    end.

stage(F, Next) ->
    receive
        {val, K, V} -> Next ! {val, K, F(V)}, stage(F, Next);
        {stop, N} -> Next ! {stop, N + 1}
    end.
