-module(t_timer_dead).
-export([main/0]).

%% BIF timers aimed at pids: none is armed for a dead pid, a process's
%% timers are cancelled when it ends (read_timer/cancel_timer then answer
%% false, no message arrives), timers to names and to live processes
%% still fire, and a cancelled timer is gone.
main() ->
    Dead = spawn(fun() -> ok end),
    wait_dead(Dead),
    T1 = erlang:start_timer(5000, Dead, hej),
    T2 = erlang:send_after(5000, Dead, hej),
    erlang:display({dead, is_reference(T1), erlang:read_timer(T1), erlang:read_timer(T2),
                    erlang:cancel_timer(T1), erlang:cancel_timer(T2, [{info, true}])}),
    %% Dies before its timers fire.
    Self = self(),
    P2 = spawn(fun() -> receive go -> Self ! going end end),
    T3 = erlang:start_timer(5000, P2, hej),
    T4 = erlang:send_after(5000, P2, hej),
    erlang:display({alive, is_integer(erlang:read_timer(T3)), is_integer(erlang:read_timer(T4))}),
    P2 ! go,
    receive going -> ok end,
    wait_dead(P2),
    erlang:display({after_exit, erlang:read_timer(T3), erlang:read_timer(T4),
                    erlang:cancel_timer(T3)}),
    erlang:cancel_timer(T4, [{async, true}, {info, true}]),
    receive {cancel_timer, T4, R4} -> erlang:display({async_cancel, R4}) end,
    %% Killed while many timers are pending.
    P3 = spawn(fun() -> receive after infinity -> ok end end),
    Ts = [erlang:send_after(60000 + I, P3, I) || I <- lists:seq(1, 1000)],
    erlang:display({pending, length([T || T <- Ts, is_integer(erlang:read_timer(T))])}),
    exit(P3, kill),
    wait_dead(P3),
    erlang:display({killed, lists:usort([erlang:read_timer(T) || T <- Ts])}),
    %% A live receiver and a registered name still get theirs.
    register(t_timer_dead_name, self()),
    T5 = erlang:start_timer(10, self(), mine),
    T6 = erlang:send_after(10, t_timer_dead_name, by_name),
    receive {timeout, T5, mine} -> erlang:display(got_mine) end,
    receive by_name -> erlang:display(got_by_name) end,
    erlang:display({fired, erlang:read_timer(T5), erlang:read_timer(T6)}),
    %% A name that is not registered when the timer fires: nothing.
    T7 = erlang:send_after(10, t_timer_dead_nobody, x),
    receive after 50 -> ok end,
    erlang:display({nobody, erlang:read_timer(T7)}),
    %% A timer to a process that then exits normally, set by another one.
    P4 = spawn(fun() -> receive stop -> ok end end),
    spawn(fun() -> Self ! {t8, erlang:send_after(5000, P4, late)} end),
    T8 = receive {t8, T} -> T end,
    erlang:display({other_setter, is_integer(erlang:read_timer(T8))}),
    P4 ! stop,
    wait_dead(P4),
    erlang:display({other_setter_after, erlang:read_timer(T8)}),
    ok.

wait_dead(P) ->
    Ref = monitor(process, P),
    receive {'DOWN', Ref, process, P, _} -> ok end,
    %% BEAM cancels the timers while the process exits, in the
    %% scheduler that holds them: give that a moment.
    receive after 100 -> ok end.
