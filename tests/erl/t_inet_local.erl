-module(t_inet_local).
-export([main/0]).

%% Unix-domain (local) sockets through gen_tcp and gen_udp: a stream
%% listener and a connection (send, recv, names, close), datagrams between
%% two bound sockets (passive and active), an abstract-free unnamed sender.
main() ->
    Dir = "/tmp/t_inet_local." ++ os:getpid(),
    ok = filelib:ensure_path(Dir),
    stream(Dir),
    dgram(Dir),
    [file:delete(F) || F <- filelib:wildcard(Dir ++ "/*")],
    file:del_dir(Dir),
    ok.

stream(Dir) ->
    Path = Dir ++ "/s",
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ifaddr, {local, Path}}]),
    erlang:display({listen_name, strip(Dir, inet:sockname(L))}),
    {ok, C} = gen_tcp:connect({local, Path}, 0, [binary, {active, false}]),
    {ok, S} = gen_tcp:accept(L),
    erlang:display({peer_of_server, strip(Dir, inet:peername(S))}),
    erlang:display({server_name, strip(Dir, inet:sockname(S))}),
    ok = gen_tcp:send(C, <<"ping">>),
    erlang:display(gen_tcp:recv(S, 4)),
    ok = gen_tcp:send(S, "pong"),
    erlang:display(gen_tcp:recv(C, 0)),
    ok = inet:setopts(C, [{active, once}]),
    ok = gen_tcp:send(S, <<"again">>),
    receive {tcp, C, D} -> erlang:display({active, D}) after 5000 -> erlang:display(timeout) end,
    ok = inet:setopts(C, [{active, true}]),
    gen_tcp:close(S),
    receive {tcp_closed, C} -> erlang:display(closed) after 5000 -> erlang:display(no_close) end,
    erlang:display(gen_tcp:connect({local, Dir ++ "/none"}, 0, [])),
    gen_tcp:close(L).

dgram(Dir) ->
    PA = Dir ++ "/a", PB = Dir ++ "/b",
    {ok, A} = gen_udp:open(0, [binary, {active, false}, {ifaddr, {local, PA}}]),
    {ok, B} = gen_udp:open(0, [binary, {active, false}, {ifaddr, {local, PB}}]),
    %% (A passive recv of a local datagram crashes in OTP 25's prim_inet:
    %% get_addr/2 on erl itself, so only active receives here.)
    ok = inet:setopts(B, [{active, once}]),
    ok = gen_udp:send(A, {local, PB}, 0, <<"hello">>),
    receive {udp, B, F1, P1, D1} -> erlang:display(strip(Dir, {udp, F1, P1, D1}))
    after 5000 -> erlang:display(timeout) end,
    ok = inet:setopts(A, [{active, true}]),
    ok = gen_udp:send(B, {local, PA}, 0, "back"),
    receive {udp, A, From, Port, Data} -> erlang:display(strip(Dir, {udp, From, Port, Data}))
    after 5000 -> erlang:display(timeout) end,
    gen_udp:close(A), gen_udp:close(B).

%% The test directory's name (it has the OS pid) is replaced by "DIR".
strip(Dir, T) ->
    B = list_to_binary(Dir),
    N = byte_size(B),
    walk(T, fun(<<P:N/binary, Rest/binary>>) when P =:= B -> <<"DIR", Rest/binary>>;
               (X) -> X end).

walk(T, F) when is_tuple(T) -> list_to_tuple([walk(E, F) || E <- tuple_to_list(T)]);
walk(T, F) when is_list(T) -> [walk(E, F) || E <- T];
walk(T, F) when is_binary(T) -> F(T);
walk(T, _) -> T.
