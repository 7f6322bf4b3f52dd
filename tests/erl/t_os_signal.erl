%% os:set_signal/2 and OS signals delivered to erl_signal_server as
%% {notify, Sig} (handled), dropped (ignored), SIGUSR1 handled by default;
%% bad arguments.
-module(t_os_signal).
-export([main/0]).

main() ->
    Server = whereis(erl_signal_server),
    true = unregister(erl_signal_server),
    try run() after register(erl_signal_server, Server) end,
    ok.

run() ->
    Pid = spawn_link(fun() -> collect([]) end),
    true = register(erl_signal_server, Pid),
    erlang:display(os:set_signal(sighup, handle)),
    erlang:display(os:set_signal(sigusr2, handle)),
    kill("HUP"), kill("USR2"), kill("HUP"),
    %% SIGUSR1 is handled from the start
    kill("USR1"),
    erlang:display(fetch(Pid)),
    erlang:display(os:set_signal(sighup, ignore)),
    kill("HUP"),
    erlang:display(fetch(Pid)),
    erlang:display(os:set_signal(sighup, handle)),
    erlang:display([catch os:set_signal(S, O) || {S, O} <- [{sigint, handle}, {sighup, maybe}, {"sighup", handle}]]),
    erlang:display(os:set_signal(sigalrm, default)),
    erlang:display(os:set_signal(sigchld, handle)),
    erlang:display(os:set_signal(sigchld, default)),
    true = unregister(erl_signal_server),
    unlink(Pid), exit(Pid, kill).

kill(Sig) ->
    "" = os:cmd("kill -s " ++ Sig ++ " " ++ os:getpid()),
    receive after 200 -> ok end.

collect(Ms) ->
    receive
        {From, fetch} -> From ! {self(), lists:reverse(Ms)}, collect([]);
        M -> collect([M | Ms])
    end.

fetch(Pid) ->
    Pid ! {self(), fetch},
    receive {Pid, Ms} -> Ms end.
