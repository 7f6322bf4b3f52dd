-module(t_process_parent).
-export([main/0]).

%% process_info(P, parent): the spawning process for every spawn BIF,
%% undefined for init.

main() ->
    Me = self(),
    W = fun() -> receive stop -> ok end end,
    Ps = [spawn(W), spawn_link(W), element(1, spawn_monitor(W)),
          spawn_opt(W, [link]), element(1, spawn_opt(W, [monitor])),
          spawn(erlang, apply, [W, []]),
          begin R = spawn_request(W), receive {spawn_reply, R, ok, RP} -> RP end end],
    io:format("~p~n", [[process_info(P, parent) =:= {parent, Me} || P <- Ps]]),
    io:format("~p~n", [process_info(whereis(init), parent)]),
    Child = spawn(fun() -> Me ! {grandchild, spawn(W)}, receive stop -> ok end end),
    receive {grandchild, G} -> io:format("~p~n", [process_info(G, parent) =:= {parent, Child}]) end,
    io:format("~p~n", [process_info(self(), [parent, links]) =/= undefined]),
    [begin unlink(P), P ! stop end || P <- [G, Child | Ps]],
    ok.
