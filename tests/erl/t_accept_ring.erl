%% Acceptance: a ring of 1000 processes passes a token one million hops.
-module(t_accept_ring).
-export([main/0]).

main() ->
    N = 1000,
    Hops = 1000000,
    First = start_ring(N - 1, self()),
    First ! {token, Hops - 1},
    erlang:display(relay(First, 0)),
    ok.

%% The main process is the ring's last member: it counts the laps.
relay(First, Laps) ->
    receive
        {token, 0} -> {done, Laps};
        {token, H} -> First ! {token, H - 1}, relay(First, Laps + 1)
    end.

start_ring(0, Next) -> Next;
start_ring(K, Next) ->
    start_ring(K - 1, spawn(fun() -> node_loop(Next) end)).

node_loop(Next) ->
    receive
        {token, 0} -> Next ! {token, 0};
        {token, H} -> Next ! {token, H - 1}, node_loop(Next)
    end.
