-module(t_inet_many).
-export([main/0]).

%% 40 clients at once against one acceptor pool of 4 processes; each
%% client sends 20 packets of {packet, 4} and checks the echoes.
main() ->
    {ok, L} = gen_tcp:listen(0, [binary, {packet, 4}, {active, false}, {reuseaddr, true}, {backlog, 64}]),
    {ok, P} = inet:port(L),
    [spawn_link(fun() -> acceptor(L) end) || _ <- lists:seq(1, 4)],
    Self = self(),
    [spawn_link(fun() -> Self ! {done, N, client(P, N)} end) || N <- lists:seq(1, 40)],
    Res = [receive {done, N, R} -> R end || N <- lists:seq(1, 40)],
    erlang:display(lists:usort(Res)),
    erlang:display(length(Res)),
    %% a dead acceptor does not take a connection away from a live one
    {ok, L2} = gen_tcp:listen(0, [binary, {active, false}]),
    {ok, P2} = inet:port(L2),
    Dead = spawn(fun() -> gen_tcp:accept(L2) end),
    receive after 100 -> ok end,
    exit(Dead, kill),
    receive after 50 -> ok end,
    spawn(fun() -> receive after 100 -> ok end,
                   {ok, C} = gen_tcp:connect({127,0,0,1}, P2, []),
                   receive after 1000 -> gen_tcp:close(C) end end),
    {ok, S2} = gen_tcp:accept(L2, 2000),
    erlang:display(is_port(S2)),
    ok.

acceptor(L) ->
    case gen_tcp:accept(L) of
        {ok, S} ->
            Pid = spawn(fun() -> receive go -> echo(S) end end),
            ok = gen_tcp:controlling_process(S, Pid),
            Pid ! go,
            acceptor(L);
        {error, closed} -> ok
    end.

echo(S) ->
    case gen_tcp:recv(S, 0) of
        {ok, D} -> ok = gen_tcp:send(S, D), echo(S);
        {error, closed} -> ok
    end.

client(P, N) ->
    {ok, C} = gen_tcp:connect({127,0,0,1}, P, [binary, {packet, 4}, {active, true}]),
    Msgs = [term_to_binary({N, I, lists:seq(1, I * 10)}) || I <- lists:seq(1, 20)],
    [ok = gen_tcp:send(C, M) || M <- Msgs],
    Got = [receive {tcp, C, D} -> D after 5000 -> timeout end || _ <- Msgs],
    gen_tcp:close(C),
    Got =:= Msgs.
