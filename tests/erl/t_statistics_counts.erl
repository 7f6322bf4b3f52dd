-module(t_statistics_counts).
-export([main/0]).

%% statistics/1's counting items: they must count, not just have the
%% right shape.

main() ->
    p({units, erts_internal:time_unit(), erts_internal:perf_counter_unit()}),
    %% Context switches: ten processes that yield a hundred times each.
    {C0, 0} = statistics(context_switches),
    Self = self(),
    Ps = [spawn(fun() -> [erlang:yield() || _ <- lists:seq(1, 100)], Self ! {done, self()} end)
          || _ <- lists:seq(1, 10)],
    [receive {done, P} -> ok end || P <- Ps],
    {C1, 0} = statistics(context_switches),
    p({context_switches, C1 - C0 >= 1000}),
    %% Garbage collections: an explicit one counts, and garbage is reclaimed.
    {G0, W0, 0} = statistics(garbage_collection),
    _ = [lists:seq(1, 1000) || _ <- lists:seq(1, 100)],
    true = garbage_collect(),
    {G1, W1, 0} = statistics(garbage_collection),
    p({gc, G1 > G0, W1 - W0 > 10000}),
    %% Output through the standard I/O server.
    {{input, _}, {output, O0}} = statistics(io),
    io:format("hello~n"),
    {{input, _}, {output, O1}} = statistics(io),
    p({output_delta, O1 - O0}),
    {{input, _}, {output, O2}} = statistics(io),
    p({output_delta2, O2 - O1}),
    %% Run queues: BEAM's list shapes, consistent totals.
    S = erlang:system_info(schedulers),
    L = statistics(run_queue_lengths),
    LA = statistics(run_queue_lengths_all),
    A = statistics(active_tasks),
    AA = statistics(active_tasks_all),
    p({shapes, length(L) =:= S + 1, length(LA) =:= S + 2,
                    length(A) =:= S + 1, length(AA) =:= S + 2}),
    p({me_active, statistics(total_active_tasks) >= 1,
                    lists:sum(statistics(active_tasks)) >= 1}),
    p({ints, [is_integer(statistics(I)) || I <- [run_queue, total_run_queue_lengths,
                     total_run_queue_lengths_all, total_active_tasks, total_active_tasks_all]]}),
    %% Scheduler wall time: off, then on, counting, then off.
    p({swt_off, statistics(scheduler_wall_time)}),
    p({enable, erts_internal:scheduler_wall_time(true)}),
    p({again, erts_internal:scheduler_wall_time(true)}),
    T0 = erlang:monotonic_time(millisecond),
    busy(T0 + 60),
    timer:sleep(60),
    SWT = statistics(scheduler_wall_time),
    SWTA = statistics(scheduler_wall_time_all),
    p({swt_len, length(SWT) =:= S + erlang:system_info(dirty_cpu_schedulers),
                    length(SWTA) =:= length(SWT) + erlang:system_info(dirty_io_schedulers)}),
    p({ids, lists:sort([I || {I, _, _} <- SWT]) =:= lists:seq(1, length(SWT))}),
    p({sane, lists:all(fun({_, Act, Tot}) -> Act =< Tot andalso Tot >= 100000000 end, SWT)}),
    Busy = lists:sum([Act || {I, Act, _} <- SWT, I =< S]),
    Tot1 = element(3, hd(SWT)),
    p({busy_some, Busy >= 50000000, Busy < S * Tot1}),
    p({disable, erts_internal:scheduler_wall_time(false)}),
    p({swt_off, statistics(scheduler_wall_time), statistics(scheduler_wall_time_all)}),
    p({bad, catch erts_internal:scheduler_wall_time(maybe)}),
    ok.

%% Through the standard I/O server, so that the output delta is counted
%% in order with the rest.
p(T) -> io:format("~p~n", [T]).

busy(Until) ->
    case erlang:monotonic_time(millisecond) >= Until of
        true -> ok;
        false -> busy(Until)
    end.
