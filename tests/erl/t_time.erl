%% Time and statistics BIFs: only properties are printed (no raw values).
-module(t_time).
-export([main/0]).

main() ->
    M0 = erlang:monotonic_time(),
    M0us = erlang:monotonic_time(microsecond),
    M0ms = erlang:monotonic_time(millisecond),
    S0 = erlang:system_time(),
    S0s = erlang:system_time(second),
    erlang:display([is_integer(X) || X <- [M0, M0us, M0ms, S0, S0s]]),
    %% system time is after 2020-01-01 and before 2200
    erlang:display({S0s > 1577836800, S0s < 7258118400}),
    burn(200000),
    receive after 20 -> ok end,
    M1ms = erlang:monotonic_time(millisecond),
    M1us = erlang:monotonic_time(microsecond),
    M2ms = erlang:monotonic_time(millisecond),
    erlang:display({monotonic_advanced, M1ms - M0ms >= 20, M1us > M0us}),
    %% the microsecond reading lies between the two millisecond readings
    %% (monotonic time may be negative: unit conversion rounds down)
    erlang:display({units_consistent, M1ms =< floor_div(M1us, 1000), floor_div(M1us, 1000) =< M2ms}),
    {Wall, _} = statistics(wall_clock),
    {Run, _} = statistics(runtime),
    {Reds, _} = statistics(reductions),
    erlang:display({stats, is_integer(Wall), Wall >= 0, is_integer(Run), Run >= 0,
                    is_integer(Reds), Reds > 0}),
    {_, Since} = statistics(wall_clock),
    erlang:display({since_last, is_integer(Since), Since >= 0}),
    erlang:display(monotonic_never_decreases(10000, erlang:monotonic_time())),
    ok.

floor_div(A, B) when A >= 0 -> A div B;
floor_div(A, B) -> -((-A + B - 1) div B).

burn(0) -> ok;
burn(N) -> burn(N - 1).

monotonic_never_decreases(0, _) -> true;
monotonic_never_decreases(N, Prev) ->
    T = erlang:monotonic_time(),
    case T >= Prev of
        true -> monotonic_never_decreases(N - 1, T);
        false -> {decreased, N}
    end.
