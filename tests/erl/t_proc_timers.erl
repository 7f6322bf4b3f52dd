%% erlang:send_after/3,4, start_timer/3,4, cancel_timer/1,2 and
%% read_timer/1,2 (what gen_statem timeouts and timer:send_after use).
-module(t_proc_timers).
-export([main/0]).

main() ->
    Self = self(),
    %% ordering by deadline, not by creation
    erlang:send_after(90, Self, third),
    erlang:send_after(30, Self, first),
    erlang:send_after(60, Self, second),
    erlang:display({order, [receive M -> M end || _ <- [1, 2, 3]]}),
    %% start_timer wraps the message
    R = erlang:start_timer(10, Self, ping),
    erlang:display({start_timer, receive {timeout, R, Msg} -> Msg after 1000 -> none end}),
    %% cancel returns the time left; a cancelled timer never fires
    Long = erlang:send_after(10000, Self, never),
    Left = erlang:read_timer(Long),
    erlang:display({read, is_integer(Left), Left > 9000, Left =< 10000}),
    C = erlang:cancel_timer(Long),
    erlang:display({cancel, is_integer(C), C > 9000}),
    erlang:display({cancel_again, erlang:cancel_timer(Long), erlang:read_timer(Long)}),
    %% a fired timer reads and cancels as false
    F = erlang:send_after(0, Self, zero),
    receive zero -> ok end,
    erlang:display({fired, erlang:read_timer(F), erlang:cancel_timer(F)}),
    %% options
    Q = erlang:send_after(5000, Self, q),
    erlang:display({no_info, erlang:cancel_timer(Q, [{info, false}])}),
    Q2 = erlang:send_after(5000, Self, q2),
    ok = erlang:cancel_timer(Q2, [{async, true}, {info, true}]),
    erlang:display({async_cancel, receive {cancel_timer, Q2, V} -> is_integer(V) after 1000 -> none end}),
    Q3 = erlang:send_after(5000, Self, q3),
    ok = erlang:read_timer(Q3, [{async, true}]),
    erlang:display({async_read, receive {read_timer, Q3, V3} -> is_integer(V3) after 1000 -> none end}),
    erlang:cancel_timer(Q3),
    %% absolute time
    Now = erlang:monotonic_time(millisecond),
    erlang:send_after(Now + 20, Self, absolute, [{abs, true}]),
    erlang:display({abs, receive absolute -> got after 1000 -> none end}),
    erlang:send_after(Now - 5, Self, past, [{abs, true}]),
    erlang:display({abs_past, receive past -> got after 1000 -> none end}),
    erlang:display({before_start, try erlang:send_after(Now - 100000000, Self, x, [{abs, true}])
                                  catch error:badarg -> badarg end}),
    %% registered name resolved when the timer fires
    register(t_proc_timers_main, Self),
    erlang:send_after(10, t_proc_timers_main, by_name),
    erlang:display({by_name, receive by_name -> got after 1000 -> none end}),
    erlang:send_after(10, no_such_name_here, lost),
    erlang:display({unknown_name, receive lost -> got after 100 -> none end}),
    %% timers to other processes, and to dead ones
    P = spawn(fun() -> receive {timeout, _, hello} -> Self ! {child_got, hello} end end),
    erlang:start_timer(10, P, hello),
    erlang:display(receive {child_got, _} = CG -> CG after 1000 -> none end),
    erlang:send_after(10, P, to_dead),
    %% timer module front-ends that use the BIFs directly
    {ok, _} = timer:send_after(10, Self, via_timer_module),
    erlang:display({timer_module, receive via_timer_module -> got after 1000 -> none end}),
    %% bad arguments
    Bad = [fun() -> erlang:send_after(-1, Self, x) end,
           fun() -> erlang:send_after(a, Self, x) end,
           fun() -> erlang:send_after(10, "notadest", x) end,
           fun() -> erlang:send_after(10, Self, x, [bad]) end,
           fun() -> erlang:start_timer(1.5, Self, x) end,
           fun() -> erlang:cancel_timer(notaref) end,
           fun() -> erlang:cancel_timer(make_ref(), [{bogus, true}]) end,
           fun() -> erlang:read_timer(self()) end],
    erlang:display({badargs, [try B() of V0 -> {ok, V0} catch error:badarg -> badarg end || B <- Bad]}),
    erlang:display({unknown_ref, erlang:cancel_timer(make_ref()), erlang:read_timer(make_ref())}),
    erlang:display({mailbox, receive X -> X after 50 -> empty end}),
    ok.
