%% Process aliases (OTP 24+): alias/0,1, unalias/1, monitor/3 with
%% {alias, Mode}, sending to references, erlang:send/3 — what
%% gen_server:call relies on.
-module(t_proc_alias).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

main() ->
    Self = self(),
    %% plain alias: other processes can reply through it
    A = alias(),
    spawn(fun() -> A ! {from_child, 1} end),
    erlang:display(receive {from_child, _} = M1 -> M1 after 1000 -> timeout end),
    erlang:display({unalias, unalias(A), unalias(A)}),
    spawn(fun() -> A ! {from_child, 2}, Self ! sent end),
    receive sent -> ok end,
    erlang:display({after_unalias, receive {from_child, _} = M2 -> M2 after 50 -> nothing end}),
    %% sending to a plain reference is allowed and drops the message
    erlang:display({send_to_ref, make_ref() ! hello}),
    erlang:display({mailbox_empty, receive X -> X after 0 -> empty end}),
    %% reply alias: one message only
    R = alias([reply]),
    R ! first, R ! second,
    erlang:display({reply_alias, [receive Y -> Y after 50 -> nothing end || _ <- [1, 2]]}),
    erlang:display({unalias_reply, unalias(R)}),
    %% monitor alias with demonitor: dies with demonitor
    P = spawn(fun() -> receive {go, To} -> To ! {reply, 42}, receive stop -> ok end end end),
    Mref = erlang:monitor(process, P, [{alias, demonitor}]),
    P ! {go, Mref},
    erlang:display({monitor_alias, receive {reply, V} -> V after 1000 -> timeout end}),
    erlang:display({demonitor, erlang:demonitor(Mref, [flush, info])}),
    spawn(fun() -> Mref ! late, Self ! sent end),
    receive sent -> ok end,
    erlang:display({after_demonitor, receive late -> late after 50 -> nothing end}),
    %% monitor alias: deactivated by the monitor firing
    P ! stop,
    Q = spawn(fun() -> receive stop -> ok end end),
    Mref2 = erlang:monitor(process, Q, [{alias, demonitor}]),
    Q ! stop,
    erlang:display({down, receive {'DOWN', Mref2, process, _, Why} -> Why after 1000 -> timeout end}),
    Mref2 ! after_down,
    erlang:display({after_down, receive after_down -> got after 50 -> nothing end}),
    %% reply_demonitor: the first message also removes the monitor
    W = spawn(fun() -> receive {go, To2} -> To2 ! one, To2 ! two, receive stop -> ok end end end),
    Mref3 = erlang:monitor(process, W, [{alias, reply_demonitor}]),
    W ! {go, Mref3},
    erlang:display({reply_demonitor, [receive Z -> Z after 100 -> nothing end || _ <- [1, 2]]}),
    erlang:display({monitor_gone, erlang:demonitor(Mref3, [info])}),
    W ! stop,
    %% explicit_unalias survives demonitor
    V2 = spawn(fun() -> receive stop -> ok end end),
    Mref4 = erlang:monitor(process, V2, [{alias, explicit_unalias}]),
    true = erlang:demonitor(Mref4),
    Mref4 ! still_alive,
    erlang:display({explicit, receive still_alive -> got after 100 -> nothing end, unalias(Mref4)}),
    V2 ! stop,
    %% monitor/3 without options behaves like monitor/2
    D = spawn(fun() -> ok end),
    Mref5 = erlang:monitor(process, D, []),
    erlang:display({plain, receive {'DOWN', Mref5, process, _, R5} -> R5 after 1000 -> timeout end}),
    %% send/3
    erlang:display({send3, erlang:send(self(), s3, [noconnect]), receive s3 -> got end}),
    erlang:display({send3_ref, erlang:send(make_ref(), s3, [nosuspend])}),
    erlang:display({badargs, [catch_badarg(F) || F <- [fun() -> erlang:monitor(process, self(), [bad]) end,
                                                      fun() -> erlang:monitor(process, self(), [{alias, bad}]) end,
                                                      fun() -> erlang:monitor(process, self(), notalist) end,
                                                      fun() -> alias([bad]) end,
                                                      fun() -> unalias(self()) end,
                                                      fun() -> erlang:send(self(), x, [bad]) end,
                                                      fun() -> erlang:send(self(), x, bad) end]]}),
    receive x -> unexpected after 0 -> ok end,
    %% gen_server:call uses a monitor alias
    {ok, S} = gen_server:start(?MODULE, [], []),
    erlang:display({gen_call, gen_server:call(S, ping), gen_server:call(S, ping, 1000)}),
    gen_server:stop(S),
    ok.

catch_badarg(F) ->
    try F() of V -> {ok, V} catch error:badarg -> badarg end.

%% gen_server callbacks
init([]) -> {ok, 0}.
handle_call(ping, _From, N) -> {reply, {pong, N}, N + 1}.
handle_cast(_, N) -> {noreply, N}.
