%% Printing from spawned processes: they inherit the group leader, and
%% requests from one process are printed in order.
-module(t_io_spawned).
-export([main/0]).
main() ->
    Self = self(),
    GL = group_leader(),
    Pids = [spawn(fun() ->
                       GL = group_leader(),
                       receive go -> ok end,
                       [io:format("worker ~p line ~p~n", [N, L]) || L <- lists:seq(1, 3)],
                       Self ! {done, N}
                  end) || N <- lists:seq(1, 5)],
    %% one at a time, so the order is deterministic
    lists:foreach(fun({P, N}) -> P ! go, receive {done, N} -> ok end end,
                  lists:zip(Pids, lists:seq(1, 5))),
    P2 = spawn_link(fun() -> io:format("linked child ~p~n", [same_gl(GL)]), Self ! ok2 end),
    receive ok2 -> ok end,
    _ = P2,
    io:format("main done~n"),
    ok.
same_gl(GL) -> GL =:= group_leader().
