-module(t_inet_udp).
-export([main/0]).

main() ->
    {ok, A} = gen_udp:open(0, [binary, {active, false}, {ip, {127,0,0,1}}]),
    {ok, B} = gen_udp:open(0, [binary, {active, false}]),
    {ok, PA} = inet:port(A),
    {ok, PB} = inet:port(B),
    ok = gen_udp:send(A, {127,0,0,1}, PB, <<"ping">>),
    {ok, {IP, From, D}} = gen_udp:recv(B, 0, 1000),
    erlang:display({IP, From =:= PA, D}),
    ok = gen_udp:send(B, "localhost", PA, "pong"),
    {ok, {_, _, D2}} = gen_udp:recv(A, 0, 1000),
    erlang:display(D2),
    erlang:display(gen_udp:recv(A, 0, 50)),
    %% active modes
    ok = inet:setopts(A, [{active, true}, list]),
    ok = gen_udp:send(B, {127,0,0,1}, PA, <<"x1">>),
    receive {udp, A, IP1, P1, M1} -> erlang:display({IP1, P1 =:= PB, M1}) after 1000 -> erlang:display(none) end,
    ok = inet:setopts(A, [{active, 2}]),
    [ok = gen_udp:send(B, {127,0,0,1}, PA, [N]) || N <- "abc"],
    erlang:display(collect(A, [])),
    erlang:display(inet:getopts(A, [active, mode])),
    ok = inet:setopts(A, [{active, once}]),
    erlang:display(collect(A, [])),
    %% ipv6 loopback
    case gen_udp:open(0, [inet6, binary, {active, false}, {ip, {0,0,0,0,0,0,0,1}}]) of
        {ok, V6} ->
            {ok, P6} = inet:port(V6),
            {ok, V6b} = gen_udp:open(0, [inet6, binary, {active, false}]),
            ok = gen_udp:send(V6b, {0,0,0,0,0,0,0,1}, P6, <<"six">>),
            {ok, {IP6, _, D6}} = gen_udp:recv(V6, 0, 1000),
            erlang:display({IP6, D6}),
            erlang:display(inet:sockname(V6) =:= {ok, {{0,0,0,0,0,0,0,1}, P6}}),
            gen_udp:close(V6), gen_udp:close(V6b);
        E -> erlang:display(E)
    end,
    erlang:display(gen_udp:open(PA, [{ip, {127,0,0,1}}])),
    gen_udp:close(A), gen_udp:close(B),
    erlang:display(gen_udp:send(A, {127,0,0,1}, PB, <<"late">>)),
    ok.

collect(S, Acc) ->
    receive
        {udp, S, _, _, M} -> collect(S, [M | Acc]);
        {udp_passive, S} -> collect(S, [passive | Acc])
    after 300 -> lists:reverse(Acc)
    end.
