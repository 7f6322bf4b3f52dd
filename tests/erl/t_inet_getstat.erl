-module(t_inet_getstat).
-export([main/0]).

%% inet:getstat/1,2 on TCP (packet 4, so that packets are counted as
%% delivered, deterministically) and UDP sockets over the loopback.
main() ->
    tcp(),
    udp(),
    errors(),
    ok.

tcp() ->
    {ok, L} = gen_tcp:listen(0, [binary, {packet, 4}, {active, false},
                                 {ip, {127,0,0,1}}]),
    {ok, Port} = inet:port(L),
    {ok, C} = gen_tcp:connect({127,0,0,1}, Port, [binary, {packet, 4},
                                                  {active, false}]),
    {ok, S} = gen_tcp:accept(L),
    show(fresh, inet:getstat(C)),
    [ok = gen_tcp:send(C, binary:copy(<<"x">>, N)) || N <- [10, 30, 20]],
    [{ok, _} = gen_tcp:recv(S, 0) || _ <- [1, 2, 3]],
    show(sender, inet:getstat(C)),
    show(receiver, inet:getstat(S)),
    show(some, inet:getstat(S, [recv_oct, recv_cnt, send_pend])),
    ok = inet:setopts(S, [{active, true}]),
    ok = gen_tcp:send(C, <<"hello">>),
    receive {tcp, S, B} -> erlang:display(B) after 5000 -> erlang:display(timeout) end,
    show(active, inet:getstat(S, [recv_cnt, recv_oct, recv_max])),
    show(listener, inet:getstat(L, [recv_cnt, send_cnt])),
    gen_tcp:close(C), gen_tcp:close(S), gen_tcp:close(L).

udp() ->
    {ok, A} = gen_udp:open(0, [binary, {active, false}, {ip, {127,0,0,1}}]),
    {ok, B} = gen_udp:open(0, [binary, {active, false}, {ip, {127,0,0,1}}]),
    {ok, PB} = inet:port(B),
    [ok = gen_udp:send(A, {127,0,0,1}, PB, binary:copy(<<"y">>, N)) || N <- [5, 100, 7, 40]],
    [{ok, _} = gen_udp:recv(B, 0, 5000) || _ <- [1, 2, 3, 4]],
    show(udp_sender, inet:getstat(A)),
    show(udp_receiver, inet:getstat(B)),
    gen_udp:close(A), gen_udp:close(B).

errors() ->
    {ok, A} = gen_udp:open(0, [{ip, {127,0,0,1}}]),
    erlang:display(inet:getstat(A, [bogus])),
    erlang:display(inet:getstat(A, [])),
    gen_udp:close(A),
    erlang:display(inet:getstat(A)),
    erlang:display(inet:getstat(A, [recv_cnt])).

show(Tag, {ok, L}) -> erlang:display({Tag, lists:sort(L)});
show(Tag, Other) -> erlang:display({Tag, Other}).
