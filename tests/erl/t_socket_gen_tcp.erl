-module(t_socket_gen_tcp).
-export([main/0]).

%% gen_tcp over the socket backend (gen_tcp_socket): passive and active
%% echo, options, close.
main() ->
    {ok, L} = gen_tcp:listen(0, [{inet_backend, socket}, binary, {active, false}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    Self = self(),
    spawn_link(fun() ->
        {ok, S} = gen_tcp:accept(L),
        loop(S),
        Self ! server_done
    end),
    {ok, C} = gen_tcp:connect({127,0,0,1}, Port, [{inet_backend, socket}, binary, {active, false}]),
    ok = gen_tcp:send(C, <<"hello">>),
    erlang:display(gen_tcp:recv(C, 5, 2000)),
    ok = gen_tcp:send(C, "world"),
    erlang:display(gen_tcp:recv(C, 0, 2000)),
    erlang:display(gen_tcp:recv(C, 0, 100)),
    {ok, {Addr, _}} = inet:sockname(C),
    erlang:display(Addr),
    {ok, {PA, PP}} = inet:peername(C),
    erlang:display({PA, PP =:= Port}),
    erlang:display(inet:getopts(C, [active, nodelay, keepalive])),
    ok = inet:setopts(C, [{active, true}]),
    ok = gen_tcp:send(C, <<"act">>),
    receive {tcp, C, D} -> erlang:display({active, D}) after 2000 -> erlang:display(timeout) end,
    ok = inet:setopts(C, [{active, once}]),
    ok = gen_tcp:send(C, <<"once">>),
    receive {tcp, C, D2} -> erlang:display({once, D2}) after 2000 -> erlang:display(timeout) end,
    ok = gen_tcp:close(C),
    receive server_done -> ok end,
    erlang:display(gen_tcp:close(L)),
    erlang:display(gen_tcp:connect({127,0,0,1}, Port, [{inet_backend, socket}])),
    ok.

loop(S) ->
    case gen_tcp:recv(S, 0) of
        {ok, D} -> gen_tcp:send(S, D), loop(S);
        {error, R} -> erlang:display({server, R}), gen_tcp:close(S)
    end.
