%% receive ... after: zero timeout, short timeouts, timeouts that do not
%% fire because a message arrives, infinity, and timed sleeps.
-module(t_msg_after).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display(receive never -> got after 0 -> timeout0 end),
    T0 = erlang:monotonic_time(millisecond),
    R1 = receive never -> got after 50 -> timeout50 end,
    T1 = erlang:monotonic_time(millisecond),
    erlang:display({R1, T1 - T0 >= 50}),
    self() ! here,
    erlang:display(receive here -> got_here after 1000 -> timeout end),
    Self = self(),
    spawn(fun() -> sleep(30), Self ! late end),
    erlang:display(receive late -> got_late after 5000 -> timeout end),
    spawn(fun() -> sleep(200), Self ! too_late end),
    erlang:display(receive too_late -> got after 20 -> timeout20 end),
    erlang:display(receive too_late -> got_after_all after infinity -> never end),
    %% timeout given in a variable
    erlang:display(receive x -> x after id(10) -> var_timeout end),
    erlang:display(wait_loop(5, 0)),
    %% a message that does not match does not stop the timer
    self() ! nomatch,
    erlang:display(receive match -> m after 30 -> still_timeout end),
    erlang:display(receive nomatch -> nomatch_still_there after 0 -> lost end),
    %% sleep implemented by receive-after
    T2 = erlang:monotonic_time(millisecond),
    sleep(id(100)),
    T3 = erlang:monotonic_time(millisecond),
    erlang:display({slept_enough, T3 - T2 >= 100}),
    ok.

sleep(Ms) -> receive after Ms -> ok end.

wait_loop(0, Acc) -> Acc;
wait_loop(N, Acc) ->
    receive never -> wait_loop(N - 1, Acc) after 1 -> wait_loop(N - 1, Acc + 1) end.
