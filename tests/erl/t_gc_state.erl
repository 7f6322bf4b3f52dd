-module(t_gc_state).
-export([main/0]).

%% erts_debug:set_internal_state(gc_state, Bool): collections asked of a
%% process with collections off wait until it turns them on again.

main() ->
    erts_debug:set_internal_state(available_internal_state, true),
    Master = self(),
    io:format("~p~n", [try erts_debug:set_internal_state(gc_state, maybe) catch error:E -> E end]),
    io:format("~p~n", [erts_debug:set_internal_state(gc_state, true)]),
    [begin
         {P, M} = spawn_opt(fun() ->
                                    true = erts_debug:set_internal_state(gc_state, false),
                                    false = erts_debug:set_internal_state(gc_state, false),
                                    Master ! {self(), off},
                                    receive on -> ok end,
                                    Master ! {self(), on},
                                    false = erts_debug:set_internal_state(gc_state, true),
                                    true = erts_debug:set_internal_state(gc_state, true),
                                    receive after 50 -> ok end
                            end, [monitor, link]),
         receive {P, off} -> ok end,
         async = garbage_collect(P, [{async, Id}]),
         Waiter = spawn(fun() -> Master ! {sync, garbage_collect(P)} end),
         receive
             {garbage_collect, Id, R0} -> io:format("early ~p~n", [R0]);
             {sync, R1} -> io:format("early sync ~p~n", [R1])
         after 100 -> io:format("waiting~n")
         end,
         P ! on,
         receive {P, on} -> ok end,
         receive {garbage_collect, Id, R} -> io:format("~p ~p~n", [Id, R]) end,
         receive {sync, S} -> io:format("sync ~p~n", [S]) end,
         receive {'DOWN', M, process, P, normal} -> ok end,
         _ = Waiter
     end || Id <- [immed, 17]],
    %% A process exiting with collections off: the request answers false.
    {Q, QM} = spawn_monitor(fun() ->
                                    erts_debug:set_internal_state(gc_state, false),
                                    Master ! off,
                                    receive stop -> ok end
                            end),
    receive off -> ok end,
    async = garbage_collect(Q, [{async, q}]),
    Q ! stop,
    receive {'DOWN', QM, process, Q, normal} -> ok end,
    receive {garbage_collect, q, RQ} -> io:format("exited ~p~n", [RQ]) end.
