%% A ring of 100 processes (main process included) passing a token
%% around 50 times; each hop increments the token.
-module(t_ring).
-export([main/0]).

main() ->
    N = 100, Rounds = 50,
    First = build(N - 1, self()),
    First ! {token, 0},
    Total = relay(First, Rounds),
    erlang:display({ring_total, Total}),
    First ! stop,
    receive stop -> ok end,
    erlang:display(ring_stopped),
    ok.

%% spawn K forwarding nodes; the last one spawned is the first in the ring
build(0, Next) -> Next;
build(K, Next) ->
    P = spawn(fun() -> forward(Next) end),
    build(K - 1, P).

forward(Next) ->
    receive
        {token, V} -> Next ! {token, V + 1}, forward(Next);
        stop -> Next ! stop
    end.

%% the main process closes the ring: each arrival is one completed round
relay(_First, 1) ->
    receive {token, V} -> V + 1 end;
relay(First, Rounds) ->
    receive {token, V} -> First ! {token, V + 1}, relay(First, Rounds - 1) end.
