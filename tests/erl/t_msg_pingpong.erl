%% Two processes bouncing a counter back and forth; plain receive (wait),
%% send, loop_rec/remove_message.
-module(t_msg_pingpong).
-export([main/0, pong/0]).

main() ->
    Pong = spawn(?MODULE, pong, []),
    N = ping(Pong, 0, 10000),
    erlang:display({pings_done, N}),
    Pong ! {stop, self()},
    receive {stopped, Count} -> erlang:display({pong_count, Count}) end,
    %% a fun-based echo server
    Echo = spawn(fun() -> echo_loop() end),
    Replies = [begin Echo ! {self(), X}, receive {echo, R} -> R end end
               || X <- [a, {b, 1}, [c], 42, 1 bsl 80]],
    erlang:display(Replies),
    Echo ! stop,
    ok.

ping(_Pong, Acc, 0) -> Acc;
ping(Pong, Acc, N) ->
    Pong ! {ping, self(), Acc},
    receive
        {pong, V} -> ping(Pong, V, N - 1)
    end.

pong() -> pong(0).
pong(Count) ->
    receive
        {ping, From, V} ->
            From ! {pong, V + 1},
            pong(Count + 1);
        {stop, From} ->
            From ! {stopped, Count}
    end.

echo_loop() ->
    receive
        {From, X} -> From ! {echo, X}, echo_loop();
        stop -> ok
    end.
