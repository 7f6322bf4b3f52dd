-module(t_suspend_process).
-export([main/0]).

%% erlang:suspend_process/1,2 and resume_process/1: counts per
%% suspender, options, status, a suspended process receiving messages
%% and signals, a suspender's exit resuming its suspendees, errors.

status(P) -> element(2, process_info(P, status)).

suspending() ->
    {suspending, L} = process_info(self(), suspending),
    lists:sort(L).

busy(N) -> busy(N + 1).

counter(Parent, N) ->
    receive
        {get, From} -> From ! {count, N}, counter(Parent, N);
        X -> Parent ! {got, X}, counter(Parent, N + 1)
    end.

flush() -> receive M -> [M | flush()] after 30 -> [] end.

main() ->
    Me = self(),
    %% A waiting process.
    W = spawn(fun() -> counter(Me, 0) end),
    io:format("w ~p~n", [status(W)]),
    io:format("s ~p~n", [erlang:suspend_process(W)]),
    io:format("w ~p~n", [status(W)]),
    io:format("susp ~p~n", [suspending() =:= [{W, 1, 0}]]),
    %% Messages queue up but are not handled.
    W ! a, W ! b,
    receive {got, _} = G -> io:format("unexpected ~p~n", [G]) after 100 -> ok end,
    io:format("qlen ~p ~p~n", [process_info(W, message_queue_len), status(W)]),
    %% Nested suspends: counts per suspender.
    true = erlang:suspend_process(W),
    true = erlang:suspend_process(W, []),
    io:format("count3 ~p~n", [suspending() =:= [{W, 3, 0}]]),
    io:format("unless ~p~n", [erlang:suspend_process(W, [unless_suspending])]),
    io:format("count3 ~p~n", [suspending() =:= [{W, 3, 0}]]),
    true = erlang:resume_process(W),
    true = erlang:resume_process(W),
    io:format("still ~p~n", [status(W)]),
    true = erlang:resume_process(W),
    io:format("resumed ~p~n", [suspending()]),
    receive {got, a} -> ok end,
    receive {got, b} -> io:format("handled a b~n") end,
    io:format("w ~p~n", [status(W)]),
    io:format("resume again ~p~n", [try erlang:resume_process(W) catch error:E1 -> E1 end]),
    %% unless_suspending on a process not yet suspended suspends it.
    io:format("unless new ~p ~p~n", [erlang:suspend_process(W, [unless_suspending]), status(W)]),
    true = erlang:resume_process(W),
    %% Asynchronous forms.
    Tag = {tag, make_ref()},
    io:format("async ~p~n", [erlang:suspend_process(W, [{asynchronous, Tag}])]),
    receive {Tag, R1} -> io:format("async reply ~p ~p~n", [R1, status(W)]) end,
    io:format("async2 ~p~n", [erlang:suspend_process(W, [asynchronous])]),
    io:format("count2 ~p~n", [suspending() =:= [{W, 2, 0}]]),
    io:format("async unless ~p~n",
              [erlang:suspend_process(W, [asynchronous, unless_suspending, {asynchronous, t2}])]),
    receive {t2, R2} -> io:format("async reply2 ~p~n", [R2]) end,
    true = erlang:resume_process(W),
    true = erlang:resume_process(W),
    W ! c,
    receive {got, c} -> io:format("handled c~n") end,
    %% A busy process.
    B = spawn(fun() -> busy(0) end),
    erlang:yield(),
    true = erlang:suspend_process(B),
    {reductions, Rd1} = process_info(B, reductions),
    receive after 50 -> ok end,
    {reductions, Rd2} = process_info(B, reductions),
    io:format("busy ~p ~p~n", [status(B), Rd1 =:= Rd2]),
    true = erlang:garbage_collect(B),
    io:format("gc ~p~n", [status(B)]),
    true = erlang:resume_process(B),
    receive after 50 -> ok end,
    {reductions, Rd3} = process_info(B, reductions),
    io:format("busy runs ~p ~p~n", [status(B) =/= suspended, Rd3 > Rd2]),
    %% A suspended process can be killed.
    true = erlang:suspend_process(B),
    MB = monitor(process, B),
    exit(B, kill),
    receive {'DOWN', MB, process, B, Why} -> io:format("killed ~p~n", [Why]) end,
    io:format("resume dead ~p~n", [try erlang:resume_process(B) catch error:E2 -> E2 end]),
    io:format("after ~p~n", [suspending()]),
    %% Several suspenders; a suspender's exit resumes.
    Ss = [spawn(fun() ->
                        true = erlang:suspend_process(W),
                        true = erlang:suspend_process(W),
                        Me ! {suspended, self()},
                        receive stop -> ok end
                end) || _ <- [1, 2, 3]],
    [receive {suspended, S} -> ok end || S <- Ss],
    io:format("three ~p~n", [status(W)]),
    [begin
         M = monitor(process, S), S ! stop,
         receive {'DOWN', M, _, _, _} -> ok end,
         io:format("left ~p~n", [status(W)])
     end || S <- Ss],
    S4 = spawn(fun() -> erlang:suspend_process(W), Me ! done, receive after infinity -> ok end end),
    receive done -> ok end,
    io:format("s4 ~p~n", [status(W)]),
    exit(S4, kill),
    receive after 20 -> ok end,
    io:format("s4 killed ~p~n", [status(W)]),
    %% Timers still fire into the queue of a suspended process.
    T = spawn(fun() -> receive after 30 -> Me ! timeout end end),
    true = erlang:suspend_process(T),
    receive timeout -> io:format("bad timeout~n") after 100 -> ok end,
    true = erlang:resume_process(T),
    receive timeout -> io:format("timeout after resume~n") end,
    %% Errors.
    Dead = spawn(fun() -> ok end),
    receive after 20 -> ok end,
    Errs = [fun() -> erlang:suspend_process(self()) end,
            fun() -> erlang:suspend_process(self(), []) end,
            fun() -> erlang:suspend_process(foo) end,
            fun() -> erlang:suspend_process(W, [bad]) end,
            fun() -> erlang:suspend_process(W, bad) end,
            fun() -> erlang:suspend_process(W, [asynchronous | bad]) end,
            fun() -> erlang:suspend_process(W, [{asynchronous}]) end,
            fun() -> erlang:suspend_process(Dead) end,
            fun() -> erlang:suspend_process(Dead, [unless_suspending]) end,
            fun() -> erlang:suspend_process(Dead, [asynchronous]) end,
            fun() -> erlang:suspend_process(Dead, [{asynchronous, dt}]) end,
            fun() -> erlang:resume_process(self()) end,
            fun() -> erlang:resume_process(foo) end,
            fun() -> erlang:resume_process(Dead) end,
            fun() -> erlang:resume_process(W) end],
    [io:format("err ~p~n", [try F() of V -> {value, V}
                           catch C:E:S -> {C, E, element(4, hd(S))} end]) || F <- Errs],
    io:format("left ~p~n", [flush()]),
    ok.
