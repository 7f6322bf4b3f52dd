-module(t_socket_udp).
-export([main/0]).

%% UDP over inet and inet6: sendto / recvfrom, timeouts, options,
%% connected datagram sockets.
main() ->
    [udp(F, A) || {F, A} <- [{inet, {127,0,0,1}}, {inet6, {0,0,0,0,0,0,0,1}}]],
    ok.

udp(Fam, Addr) ->
    {ok, S1} = socket:open(Fam, dgram, udp),
    {ok, S2} = socket:open(Fam, dgram),
    ok = socket:bind(S1, #{family => Fam, addr => Addr, port => 0}),
    ok = socket:bind(S2, #{family => Fam, addr => Addr, port => 0}),
    {ok, A1} = socket:sockname(S1),
    {ok, A2} = socket:sockname(S2),
    erlang:display(maps:without([port], A1)),
    erlang:display(socket:recvfrom(S1, 0, 50)),
    ok = socket:sendto(S2, <<"ping">>, A1),
    {ok, {From, Data}} = socket:recvfrom(S1, 0, 1000),
    erlang:display({From =:= A2, Data}),
    ok = socket:sendto(S1, <<"pong!">>, A2),
    erlang:display(socket:recvfrom(S2, 3, 1000) =:= {ok, {A1, <<"pon">>}}),
    erlang:display(socket:getopt(S1, {socket, type})),
    erlang:display(socket:getopt(S1, {socket, protocol})),
    erlang:display(socket:setopt(S1, {socket, rcvbuf}, 65536)),
    erlang:display(socket:setopt(S1, {socket, broadcast}, true)),
    erlang:display(socket:getopt(S1, {socket, broadcast})),
    erlang:display(socket:setopt(S1, {socket, broadcast}, maybe)),
    ok = socket:connect(S2, A1),
    ok = socket:send(S2, <<"conn">>),
    erlang:display(socket:recv(S1, 0, 1000)),
    {ok, P} = socket:peername(S2),
    erlang:display(P =:= A1),
    erlang:display(maps:get(counters, socket:info(S1))),
    erlang:display(maps:without([owner, counters], socket:info(S2))),
    ok = socket:close(S1),
    ok = socket:close(S2).
