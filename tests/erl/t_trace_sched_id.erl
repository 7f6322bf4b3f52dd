-module(t_trace_sched_id).
%% The scheduler_id trace flag: the scheduler's number after the event's
%% items and before the timestamp, on every kind of event.
-export([main/0, recv/1]).

recv(M) -> M.

loop() ->
    receive
        stop -> ok;
        M -> recv(M), loop()
    end.

collect() ->
    receive
        {trace, _, Tag, A, S} -> [{Tag, A, sched(S)} | collect()];
        {trace, _, Tag, A, B, S} -> [{Tag, A, B, sched(S)} | collect()];
        {trace_ts, _, Tag, A, S, Ts} -> [{ts, Tag, A, sched(S), ts(Ts)} | collect()];
        {trace_ts, _, Tag, A, B, S, Ts} -> [{ts, Tag, A, B, sched(S), ts(Ts)} | collect()];
        {trace_ts, _, Tag, A, Ts} -> [{ts, Tag, A, ts(Ts)} | collect()];
        Other -> [Other | collect()]
    after 200 -> []
    end.

%% The scheduler's number varies on erl.
sched(S) when is_integer(S), S > 0 -> sched;
sched(S) -> S.

ts({_, _, _}) -> now;
ts(_) -> other.

norm(L) -> [setelement(3, T, pid) || T <- L, is_pid(element(3, T))] ++
           [T || T <- L, not is_pid(element(3, T))].

main() ->
    process_flag(trap_exit, true),
    P = spawn(fun loop/0),
    1 = erlang:trace(P, true, ['receive', procs, call, scheduler_id]),
    1 = erlang:trace_pattern({?MODULE, recv, 1}, [{'_', [], [{message, hello}]}], [local]),
    link(P),
    erlang:display(norm(collect())),
    P ! one,
    erlang:display(norm(collect())),
    unlink(P),
    erlang:display(norm(collect())),
    1 = erlang:trace(P, true, [timestamp]),
    P ! two,
    erlang:display(norm(collect())),
    1 = erlang:trace(P, false, [scheduler_id]),
    P ! three,
    P ! stop,
    erlang:display(norm(collect())),
    ok.
