-module(t_inet_close).
-export([main/0]).

main() ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {reuseaddr, true}]),
    {ok, P} = inet:port(L),
    erlang:display(gen_tcp:listen(P, [{ip, {127,0,0,1}}])),
    %% half close: client shuts write, server reads to end, replies, closes
    {ok, C} = gen_tcp:connect({127,0,0,1}, P, [binary, {active, false}]),
    {ok, S} = gen_tcp:accept(L),
    ok = inet:setopts(S, [{exit_on_close, false}]),
    ok = gen_tcp:send(C, <<"request">>),
    ok = gen_tcp:shutdown(C, write),
    erlang:display(gen_tcp:recv(S, 0, 1000)),
    erlang:display(gen_tcp:recv(S, 0, 1000)),
    ok = gen_tcp:send(S, <<"reply">>),
    ok = gen_tcp:close(S),
    erlang:display(gen_tcp:recv(C, 0, 1000)),
    erlang:display(gen_tcp:recv(C, 0, 1000)),
    gen_tcp:close(C),
    %% owner death closes the socket
    Self = self(),
    Pid = spawn(fun() ->
        {ok, C2} = gen_tcp:connect({127,0,0,1}, P, [binary, {active, false}]),
        Self ! {sock, C2},
        receive stop -> ok end
    end),
    {ok, S2} = gen_tcp:accept(L),
    C2 = receive {sock, X} -> X end,
    erlang:display(is_list(erlang:port_info(C2))),
    exit(Pid, kill),
    erlang:display(gen_tcp:recv(S2, 0, 1000)),
    erlang:display(erlang:port_info(C2)),
    gen_tcp:close(S2),
    %% controlling_process hands active messages to another process
    {ok, C3} = gen_tcp:connect({127,0,0,1}, P, [list, {active, true}]),
    {ok, S3} = gen_tcp:accept(L),
    Rcv = spawn(fun() -> receive {tcp, _, D} -> Self ! {got, D} end end),
    ok = gen_tcp:controlling_process(C3, Rcv),
    ok = gen_tcp:send(S3, "handed"),
    receive {got, D3} -> erlang:display(D3) after 1000 -> erlang:display(none) end,
    erlang:display(gen_tcp:controlling_process(C3, self())),
    gen_tcp:close(S3), gen_tcp:close(C3),
    %% accept timeout, recv errors
    erlang:display(gen_tcp:accept(L, 50)),
    {ok, C4} = gen_tcp:connect({127,0,0,1}, P, [binary, {active, true}]),
    {ok, S4} = gen_tcp:accept(L),
    erlang:display(gen_tcp:recv(C4, 0)),
    ok = gen_tcp:close(S4),
    receive {tcp_closed, C4} -> erlang:display(tcp_closed) after 1000 -> erlang:display(none) end,
    erlang:display(gen_tcp:send(C4, <<"x">>)),
    gen_tcp:close(C4),
    gen_tcp:close(L),
    erlang:display(gen_tcp:accept(L, 10)),
    %% ipv6 loopback
    case gen_tcp:listen(0, [inet6, {ip, {0,0,0,0,0,0,0,1}}, binary, {active, false}]) of
        {ok, L6} ->
            {ok, P6} = inet:port(L6),
            {ok, C6} = gen_tcp:connect({0,0,0,0,0,0,0,1}, P6, [inet6, binary, {active, false}]),
            {ok, S6} = gen_tcp:accept(L6),
            ok = gen_tcp:send(C6, <<"v6">>),
            erlang:display(gen_tcp:recv(S6, 2, 1000)),
            {ok, {A6, _}} = inet:peername(S6),
            erlang:display(A6),
            gen_tcp:close(C6), gen_tcp:close(S6), gen_tcp:close(L6);
        E -> erlang:display(E)
    end,
    erlang:display(gen_tcp:connect({127,0,0,1}, 1, [], 1000)),
    ok.
