-module(t_inet_active).
-export([main/0]).

pair(Opts) ->
    {ok, L} = gen_tcp:listen(0, [{reuseaddr, true}, {active, false} | Opts]),
    {ok, P} = inet:port(L),
    {ok, C} = gen_tcp:connect("localhost", P, [{active, false} | Opts]),
    {ok, S} = gen_tcp:accept(L, 2000),
    gen_tcp:close(L),
    {C, S}.

flush(S, Acc) ->
    receive
        {tcp, S, D} -> flush(S, [D | Acc]);
        {tcp_passive, S} -> flush(S, [passive | Acc]);
        {tcp_closed, S} -> flush(S, [closed | Acc])
    after 300 -> lists:reverse(Acc)
    end.

main() ->
    %% active true, packet 2, list mode
    {C1, S1} = pair([list, {packet, 2}]),
    ok = inet:setopts(S1, [{active, true}]),
    [ok = gen_tcp:send(C1, X) || X <- ["one", "two", <<"three">>]],
    erlang:display(flush(S1, [])),
    erlang:display(inet:getopts(S1, [active, packet, mode])),
    gen_tcp:close(C1),
    erlang:display(flush(S1, [])),
    erlang:display(gen_tcp:send(S1, "x")),
    %% active once
    {C2, S2} = pair([binary, {packet, 4}]),
    [ok = gen_tcp:send(C2, X) || X <- [<<"a">>, <<"bb">>, <<"ccc">>]],
    ok = inet:setopts(S2, [{active, once}]),
    erlang:display(flush(S2, [])),
    erlang:display(inet:getopts(S2, [active])),
    ok = inet:setopts(S2, [{active, once}]),
    erlang:display(flush(S2, [])),
    erlang:display(gen_tcp:recv(S2, 0, 500)),
    %% active N
    [ok = gen_tcp:send(C2, X) || X <- [<<"d">>, <<"e">>, <<"f">>, <<"g">>]],
    ok = inet:setopts(S2, [{active, 2}]),
    erlang:display(flush(S2, [])),
    erlang:display(inet:getopts(S2, [active])),
    ok = inet:setopts(S2, [{active, 5}]),
    erlang:display(inet:getopts(S2, [active])),
    erlang:display(flush(S2, [])),
    ok = inet:setopts(S2, [{active, -10}]),
    erlang:display(flush(S2, [])),
    erlang:display(inet:getopts(S2, [active])),
    gen_tcp:close(C2), gen_tcp:close(S2),
    %% line mode and packet 1
    {C3, S3} = pair([binary, {packet, line}]),
    ok = gen_tcp:send(C3, <<"first line\nsecond">>),
    ok = gen_tcp:send(C3, <<" line\nthird\n">>),
    erlang:display([gen_tcp:recv(S3, 0, 500) || _ <- [1,2,3]]),
    ok = inet:setopts(S3, [{packet, 1}]),
    ok = inet:setopts(C3, [{packet, 1}]),
    ok = gen_tcp:send(C3, lists:seq(1, 10)),
    erlang:display(gen_tcp:recv(S3, 0, 500)),
    erlang:display(gen_tcp:send(C3, lists:duplicate(300, $a))),
    ok = inet:setopts(S3, [{packet, raw}]),
    ok = gen_tcp:send(C3, <<"xyz">>),
    erlang:display(gen_tcp:recv(S3, 4, 500)),
    erlang:display(gen_tcp:recv(S3, 1, 500)),
    erlang:display(gen_tcp:recv(S3, 1, 0)),
    gen_tcp:close(C3), gen_tcp:close(S3),
    ok.
