%% A worker pool with linked workers: jobs are distributed round-robin,
%% results gathered with selective receive and printed with
%% erlang:display. The process running `-s` functions traps exits (init
%% starts it so), so a worker crash arrives as an 'EXIT' message; main
%% then fails with an uncaught error carrying the worker's reason.
-module(t_app_crash_linked).
-export([main/0]).

main() ->
    Workers = [spawn_link(fun() -> worker(N) end) || N <- lists:seq(1, 3)],
    Jobs = [{sum, lists:seq(1, 100)}, {prod, [2, 3, 7]}, {fib, 25}, {sum, []}, {prod, lists:seq(1, 20)},
            {fib, 40 div 2}, {mean, [1, 2, 3, 4]}, {sort, [c, a, b]}],
    Tagged = lists:zip(lists:seq(1, length(Jobs)), Jobs),
    lists:foreach(fun({I, J}) ->
                          W = lists:nth((I - 1) rem length(Workers) + 1, Workers),
                          W ! {job, self(), I, J}
                  end, Tagged),
    Results = [receive {result, I, R} -> {I, R} end || {I, _} <- Tagged],
    [erlang:display(R) || R <- Results],
    erlang:display({total, lists:sum([V || {_, {ok, V}} <- Results, is_number(V)])}),
    %% a job with a bad argument: the worker crashes with badarith
    hd(Workers) ! {job, self(), 99, {mean, []}},
    erlang:display({trapping_exits, process_info(self(), trap_exit)}),
    receive
        {result, 99, R} -> erlang:display({unexpected, R});
        {'EXIT', _Pid, {Reason, [Top | _]}} ->
            erlang:display({worker_died, Reason, Top}),
            error({worker_failed, Reason})
    after 5000 -> erlang:display(timeout)
    end.

worker(N) ->
    receive
        {job, From, I, Job} ->
            From ! {result, I, {ok, run(Job)}},
            worker(N)
    end.

run({sum, L}) -> lists:sum(L);
run({prod, L}) -> lists:foldl(fun erlang:'*'/2, 1, L);
run({fib, N}) -> fib(N);
run({mean, L}) -> lists:sum(L) / length(L);
run({sort, L}) -> lists:sort(L).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
