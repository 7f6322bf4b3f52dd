-module(t_inet_echo).
-export([main/0]).

main() ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    Self = self(),
    spawn_link(fun() ->
        {ok, S} = gen_tcp:accept(L),
        loop(S),
        Self ! server_done
    end),
    {ok, C} = gen_tcp:connect({127,0,0,1}, Port, [binary, {active, false}]),
    ok = gen_tcp:send(C, <<"hello">>),
    R1 = gen_tcp:recv(C, 5, 2000),
    erlang:display(R1),
    ok = gen_tcp:send(C, "world"),
    erlang:display(gen_tcp:recv(C, 0, 2000)),
    {ok, {Addr, _}} = inet:sockname(C),
    erlang:display(Addr),
    {ok, {PA, PP}} = inet:peername(C),
    erlang:display({PA, PP =:= Port}),
    erlang:display(gen_tcp:recv(C, 0, 100)),
    ok = gen_tcp:close(C),
    receive server_done -> ok end,
    erlang:display(gen_tcp:close(L)),
    erlang:display(gen_tcp:connect({127,0,0,1}, Port, [])),
    ok.

loop(S) ->
    case gen_tcp:recv(S, 0) of
        {ok, D} -> gen_tcp:send(S, D), loop(S);
        {error, R} -> erlang:display({server, R}), gen_tcp:close(S)
    end.
