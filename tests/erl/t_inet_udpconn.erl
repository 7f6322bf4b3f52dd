-module(t_inet_udpconn).
-export([main/0]).

main() ->
    {ok, A} = gen_udp:open(0, [binary, {active, false}, {ip, {127,0,0,1}}]),
    {ok, B} = gen_udp:open(0, [binary, {active, false}, {ip, {127,0,0,1}}]),
    {ok, PA} = inet:port(A),
    {ok, PB} = inet:port(B),
    erlang:display(gen_udp:connect(B, {127,0,0,1}, PA)),
    erlang:display(inet:peername(B) =:= {ok, {{127,0,0,1}, PA}}),
    erlang:display(gen_udp:send(B, <<"connected send">>)),
    {ok, {_, From, D}} = gen_udp:recv(A, 0, 1000),
    erlang:display({From =:= PB, D}),
    erlang:display(gen_udp:send(B, {127,0,0,1}, PA, <<"with address">>)),
    {ok, {_, _, D2}} = gen_udp:recv(A, 0, 1000),
    erlang:display(D2),
    erlang:display(inet:peername(A)),
    gen_udp:close(A), gen_udp:close(B),
    ok.
