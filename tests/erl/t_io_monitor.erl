%% monitor/demonitor (io's request protocol uses them) and spawn_monitor.
-module(t_io_monitor).
-export([main/0]).
main() ->
    {P, R} = spawn_monitor(fun() -> receive go -> exit(bye) end end),
    P ! go,
    receive {'DOWN', R, process, P, Why} -> io:format("down ~p~n", [Why]) end,
    R2 = monitor(process, P),
    receive {'DOWN', R2, process, P, Why2} -> io:format("dead already ~p~n", [Why2]) end,
    Q = spawn(fun() -> receive stop -> ok end end),
    R3 = monitor(process, Q),
    io:format("demonitor ~p~n", [demonitor(R3, [info])]),
    io:format("demonitor again ~p~n", [demonitor(R3, [info])]),
    Q ! stop,
    receive {'DOWN', R3, _, _, _} -> io:format("unexpected~n") after 50 -> io:format("no down~n") end,
    S = spawn(fun() -> receive stop -> ok end end),
    R4 = monitor(process, S),
    S ! stop,
    timer:sleep(20),
    true = demonitor(R4, [flush]),
    receive {'DOWN', R4, _, _, _} -> io:format("flush failed~n") after 0 -> io:format("flushed~n") end,
    register(t_io_mon_name, spawn(fun() -> receive stop -> ok end end)),
    R5 = monitor(process, t_io_mon_name),
    t_io_mon_name ! stop,
    receive {'DOWN', R5, process, Item, normal} -> io:format("by name ~p~n", [Item]) end,
    R6 = monitor(process, no_such_name_here),
    receive {'DOWN', R6, process, Item6, R6why} -> io:format("noproc ~p ~p~n", [Item6, R6why]) end,
    ok.
