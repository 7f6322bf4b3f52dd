-module(t_socket_gen_udp).
-export([main/0]).

%% gen_udp over the socket backend (gen_udp_socket: recvmsg/sendmsg),
%% passive and active once, inet and inet6.
main() ->
    [udp(F, Ip) || {F, Ip} <- [{inet, {127,0,0,1}}, {inet6, {0,0,0,0,0,0,0,1}}]],
    ok.

udp(F, Ip) ->
    Opts = [{inet_backend, socket}, F, binary, {active, false}, {ip, Ip}],
    {ok, A} = gen_udp:open(0, Opts),
    {ok, B} = gen_udp:open(0, Opts),
    {ok, PA} = inet:port(A),
    {ok, PB} = inet:port(B),
    ok = gen_udp:send(B, Ip, PA, <<"dgram">>),
    {ok, {FromIp, FromPort, D}} = gen_udp:recv(A, 0, 1000),
    erlang:display({FromIp, FromPort =:= PB, D}),
    erlang:display(gen_udp:recv(A, 0, 50)),
    ok = inet:setopts(A, [{active, once}]),
    ok = gen_udp:send(B, Ip, PA, "act"),
    receive {udp, A, _, _, X} -> erlang:display(X) after 1000 -> erlang:display(timeout) end,
    erlang:display(inet:getopts(A, [active, mode])),
    ok = gen_udp:close(A),
    ok = gen_udp:close(B).
