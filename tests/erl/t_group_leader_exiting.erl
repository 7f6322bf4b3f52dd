%% group_leader/2 on a process that an exit signal sent just before will
%% end: signals from one sender arrive in order, so the process is gone
%% when the group leader signal reaches it and the call fails with badarg
%% (bif_SUITE:group_leader_prio). A process trapping exits survives.
-module(t_group_leader_exiting).
-export([main/0]).

main() ->
    Me = self(),
    Plain = spawn(fun() -> receive after infinity -> ok end end),
    Trapper = spawn(fun() -> process_flag(trap_exit, true), Me ! ready,
                             receive after infinity -> ok end end),
    receive ready -> ok end,
    erlang:display(erlang:group_leader(Me, Plain)),
    erlang:display(process_info(Plain, group_leader) =:= {group_leader, Me}),
    M1 = monitor(process, Plain),
    exit(Plain, bang),
    erlang:display(catch erlang:group_leader(Me, Plain)),
    receive {'DOWN', M1, process, Plain, R1} -> erlang:display(R1) end,
    exit(Trapper, bang),
    erlang:display(catch erlang:group_leader(Me, Trapper)),
    M2 = monitor(process, Trapper),
    exit(Trapper, kill),
    erlang:display(catch erlang:group_leader(Me, Trapper)),
    receive {'DOWN', M2, process, Trapper, R2} -> erlang:display(R2) end,
    ok.
