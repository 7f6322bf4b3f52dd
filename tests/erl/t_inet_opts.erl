-module(t_inet_opts).
-export([main/0]).

main() ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {reuseaddr, true},
                                 {nodelay, true}, {keepalive, true}, {send_timeout, 3000}]),
    erlang:display(inet:getopts(L, [reuseaddr, nodelay, keepalive, send_timeout, packet,
                                    mode, active, exit_on_close, header, packet_size,
                                    delay_send, send_timeout_close, deliver, linger])),
    {ok, P} = inet:port(L),
    {ok, C} = gen_tcp:connect({127,0,0,1}, P, [list, {active, false}, {header, 2},
                                               {sndbuf, 65536}, {recbuf, 65536}]),
    {ok, S} = gen_tcp:accept(L),
    erlang:display(inet:getopts(S, [nodelay, keepalive, send_timeout, active, mode])),
    {ok, [{sndbuf, SB}, {recbuf, RB}]} = inet:getopts(C, [sndbuf, recbuf]),
    erlang:display({SB >= 65536, RB >= 65536}),
    erlang:display(inet:setopts(C, [{buffer, 4096}])),
    erlang:display(inet:getopts(C, [buffer, header, mode])),
    ok = gen_tcp:send(S, <<"abcdef">>),
    erlang:display(gen_tcp:recv(C, 6, 1000)),
    ok = inet:setopts(C, [binary]),
    ok = gen_tcp:send(S, <<"ghijkl">>),
    erlang:display(gen_tcp:recv(C, 6, 1000)),
    ok = inet:setopts(C, [{header, 0}, {linger, {true, 5}}]),
    erlang:display(inet:getopts(C, [linger])),
    erlang:display(inet:setopts(C, [{packet, bogus}])),
    erlang:display(inet:setopts(C, [{active, 40000}])),
    erlang:display(inet:setopts(C, [bogus])),
    erlang:display(inet:getopts(C, [bogus])),
    erlang:display(gen_tcp:recv(C, 0, 100)),
    T0 = erlang:monotonic_time(millisecond),
    erlang:display(gen_tcp:recv(C, 0, 200)),
    T1 = erlang:monotonic_time(millisecond),
    erlang:display(T1 - T0 >= 190),
    %% a recv in another process meanwhile: ealready
    Self = self(),
    spawn(fun() -> Self ! {other, gen_tcp:recv(C, 0, 300)} end),
    receive after 50 -> ok end,
    erlang:display(gen_tcp:recv(C, 0, 10)),
    receive {other, O} -> erlang:display(O) end,
    ok = inet:setopts(C, [{active, true}]),
    erlang:display(gen_tcp:recv(C, 0, 10)),
    %% big transfer through the write queue
    Big = binary:copy(<<"0123456789">>, 200000),
    spawn(fun() -> ok = gen_tcp:send(S, Big), ok = gen_tcp:close(S) end),
    erlang:display(byte_size(collect(C, <<>>))),
    erlang:display(inet:sockname(L) =:= {ok, {{0,0,0,0}, P}}),
    gen_tcp:close(L),
    ok.

collect(C, Acc) ->
    receive
        {tcp, C, D} -> collect(C, <<Acc/binary, D/binary>>);
        {tcp_closed, C} -> Acc
    after 3000 -> Acc
    end.
