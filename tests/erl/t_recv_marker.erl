%% Request/reply with a fresh reference: the compiler emits
%% recv_marker_reserve/bind/clear so the receive can skip older messages.
-module(t_recv_marker).
-export([main/0, server/0]).

main() ->
    Srv = spawn(?MODULE, server, []),
    %% fill the mailbox with unrelated messages first
    [self() ! {noise, N} || N <- lists:seq(1, 1000)],
    Answers = [call(Srv, {square, N}) || N <- lists:seq(1, 20)],
    erlang:display(Answers),
    erlang:display(call(Srv, {add, 1 bsl 70, 1})),
    %% a reply with a stale ref must not be taken
    Stale = make_ref(),
    self() ! {Stale, stale_reply},
    erlang:display(call(Srv, {square, 12})),
    erlang:display(call_timeout(Srv, {sleep, 200}, 20)),
    erlang:display(call_timeout(Srv, {square, 3}, 1000)),
    %% all noise still there, in order, plus the stale reply and the late one
    Left = drain([]),
    erlang:display({length(Left), hd(Left), lists:last(lists:sublist(Left, 1000))}),
    erlang:display([X || {_, X} <- lists:nthtail(1000, Left), is_atom(X)]),
    Srv ! stop,
    ok.

call(Srv, Req) ->
    Ref = make_ref(),
    Srv ! {self(), Ref, Req},
    receive
        {Ref, Reply} -> Reply
    end.

call_timeout(Srv, Req, Timeout) ->
    Ref = make_ref(),
    Srv ! {self(), Ref, Req},
    receive
        {Ref, Reply} -> {ok, Reply}
    after Timeout ->
        timeout
    end.

drain(Acc) ->
    receive M -> drain([M | Acc]) after 0 -> lists:reverse(Acc) end.

server() ->
    receive
        {From, Ref, {square, N}} -> From ! {Ref, N * N}, server();
        {From, Ref, {add, A, B}} -> From ! {Ref, A + B}, server();
        {From, Ref, {sleep, Ms}} ->
            receive after Ms -> ok end,
            From ! {Ref, late_reply},
            server();
        stop -> ok
    end.
