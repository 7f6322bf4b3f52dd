-module(t_inet_http).
-export([main/0]).

%% A tiny HTTP/1.1 exchange over loopback: the server reads the request
%% with {packet, http_bin}, the body raw; the client reads the response
%% with {packet, http} in active once mode.
main() ->
    {ok, L} = gen_tcp:listen(0, [binary, {packet, http_bin}, {active, false}, {reuseaddr, true}]),
    {ok, P} = inet:port(L),
    Self = self(),
    spawn_link(fun() -> server(L, Self) end),
    {ok, C} = gen_tcp:connect({127,0,0,1}, P, [list, {packet, http}, {active, once}]),
    Body = <<"name=girder">>,
    ok = gen_tcp:send(C, ["POST /submit?x=1 HTTP/1.1\r\nHost: localhost\r\n",
                          "Content-Length: ", integer_to_list(byte_size(Body)), "\r\n",
                          "X-Custom: yes\r\n\r\n", Body]),
    Resp = client(C, []),
    [erlang:display(R) || R <- Resp],
    receive {server, Req} -> [erlang:display(R) || R <- Req] end,
    gen_tcp:close(C),
    ok.

client(C, Acc) ->
    receive
        {http, C, http_eoh} ->
            ok = inet:setopts(C, [{packet, raw}, {active, false}]),
            {ok, B} = gen_tcp:recv(C, 0, 1000),
            lists:reverse([{body, B}, http_eoh | Acc]);
        {http, C, Msg} ->
            ok = inet:setopts(C, [{active, once}]),
            client(C, [Msg | Acc])
    after 2000 -> lists:reverse([timeout | Acc])
    end.

server(L, Parent) ->
    {ok, S} = gen_tcp:accept(L),
    Req = read_req(S, []),
    Len = hd([binary_to_integer(V) || {http_header, _, 'Content-Length', _, V} <- Req]),
    ok = inet:setopts(S, [{packet, raw}]),
    {ok, Body} = gen_tcp:recv(S, Len, 1000),
    ok = gen_tcp:send(S, ["HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n",
                          "Content-Length: 5\r\n\r\nhello"]),
    Parent ! {server, Req ++ [{body, Body}]},
    receive after 500 -> ok end,
    gen_tcp:close(S).

read_req(S, Acc) ->
    case gen_tcp:recv(S, 0, 1000) of
        {ok, http_eoh} -> lists:reverse([http_eoh | Acc]);
        {ok, Pkt} -> read_req(S, [Pkt | Acc]);
        Other -> lists:reverse([Other | Acc])
    end.
