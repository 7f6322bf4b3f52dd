%% Monitors belong to their watcher: demonitor of a reference another
%% process holds is a no-op (the DOWN still arrives), a watcher that exits
%% drops its monitors (the target's monitored_by forgets it),
%% process_info monitors/monitored_by, monitor/3's {tag, T}, spawn_opt's
%% {monitor, [{tag, T}]}, and monitors of another node's or an old
%% incarnation's pid (DOWN at once).
-module(t_monitor_owner).
-export([main/0]).

main() ->
    Self = self(),
    %% The target tries to remove its watcher's monitor.
    B = spawn(fun() -> R = receive T -> T end, Self ! {demon, erlang:demonitor(R), erlang:demonitor(R, [info])} end),
    R = erlang:monitor(process, B),
    B ! R,
    erlang:display(receive {demon, _, _} = D -> D end),
    erlang:display(receive {'DOWN', R, process, B, normal} -> down_normal after 2000 -> no_down end),
    %% process_info monitors / monitored_by, by pid and by name.
    P = spawn(fun() -> receive stop -> ok end end),
    register(t_monitor_owner_target, P),
    M1 = erlang:monitor(process, P),
    M2 = erlang:monitor(process, t_monitor_owner_target),
    erlang:display(process_info(self(), monitors) =:=
                       {monitors, [{process, P}, {process, {t_monitor_owner_target, node()}}]}),
    erlang:display(process_info(P, monitored_by) =:= {monitored_by, [Self, Self]}),
    erlang:display(erlang:demonitor(M1, [info])),
    erlang:display(process_info(self(), monitors) =:=
                       {monitors, [{process, {t_monitor_owner_target, node()}}]}),
    erlang:display(erlang:demonitor(M2, [info])),
    erlang:display({process_info(self(), monitors), length(element(2, process_info(P, monitored_by)))}),
    %% A watcher that dies drops its monitors.
    W = spawn(fun() -> erlang:monitor(process, P), Self ! watching, receive die -> exit(crash) end end),
    receive watching -> ok end,
    erlang:display(process_info(P, monitored_by) =:= {monitored_by, [W]}),
    Wm = erlang:monitor(process, W),
    W ! die,
    receive {'DOWN', Wm, _, _, _} -> ok end,
    erlang:display(process_info(P, monitored_by)),
    %% Tags.
    Tag = make_ref(),
    M3 = erlang:monitor(process, P, [{tag, Tag}]),
    M4 = erlang:monitor(process, P, [{tag, {my, tag}}, {alias, demonitor}]),
    P ! stop,
    erlang:display(receive {Tag, M3, process, P, normal} -> tagged_down after 2000 -> none end),
    erlang:display(receive {{my, tag}, M4, process, P, normal} -> tagged_down2 after 2000 -> none end),
    M5 = erlang:monitor(process, P, [{tag, gone}]),
    erlang:display(receive {gone, M5, process, P, noproc} -> tagged_noproc after 2000 -> none end),
    M6 = erlang:monitor(process, no_such_name_t_monitor_owner, [{tag, nm}]),
    erlang:display(receive {nm, M6, process, {no_such_name_t_monitor_owner, N}, noproc} -> {nm, N} after 2000 -> none end),
    {Q, M7} = spawn_opt(fun() -> ok end, [{monitor, [{tag, spawned}]}]),
    erlang:display(receive {spawned, M7, process, Q, normal} -> spawned_down after 2000 -> none end),
    erlang:display(catch erlang:monitor(process, P, [{tag, a}, bad])),
    erlang:display(catch erlang:monitor(process, P, bad)),
    %% An explicit_unalias alias of a monitor that fired at once lives on.
    M8 = erlang:monitor(process, P, [{alias, explicit_unalias}]),
    erlang:display(receive {'DOWN', M8, process, P, noproc} -> noproc after 2000 -> none end),
    M8 ! via_alias,
    erlang:display(receive via_alias -> alias_alive after 500 -> alias_dead end),
    erlang:display(unalias(M8)),
    %% Pids of other nodes and of an old incarnation of this one.
    Other = binary_to_term(<<131,88,100,0,3,97,64,98,0,0,0,9,0,0,0,0,0,0,0,5>>),
    M9 = erlang:monitor(process, Other),
    erlang:display(receive {'DOWN', M9, process, Other, Why9} -> Why9 after 2000 -> none end),
    Old = binary_to_term(<<131,88,100,0,13,"nonode@nohost",0,0,0,9,0,0,0,0,0,0,0,7>>),
    M10 = erlang:monitor(process, Old, [{tag, old}]),
    erlang:display(receive {old, M10, process, Old, Why10} -> Why10 after 2000 -> none end),
    ok.
