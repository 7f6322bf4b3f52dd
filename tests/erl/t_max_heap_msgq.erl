-module(t_max_heap_msgq).
-export([main/0]).

%% Messages queued for an on_heap process count against its
%% max_heap_size (they are heap data in BEAM); off_heap ones do not.
main() ->
    erlang:display(run(on_heap)),
    erlang:display(run(off_heap)),
    ok.

run(Mqd) ->
    Max = #{size => 1024, kill => true, error_logger => false},
    Pid = spawn_opt(fun() -> receive after 2000 -> ok end end,
                    [{max_heap_size, Max}, {message_queue_data, Mqd}]),
    [Pid ! lists:duplicate(I, I) || I <- lists:seq(1, 100)],
    Ref = erlang:monitor(process, Pid),
    _ = erlang:process_info(Pid, messages),
    erlang:garbage_collect(Pid),
    receive
        {'DOWN', Ref, process, Pid, Why} -> {Mqd, Why}
    after 500 ->
        exit(Pid, kill),
        {Mqd, alive}
    end.
