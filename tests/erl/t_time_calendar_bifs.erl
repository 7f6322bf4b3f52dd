%% erlang:localtime/0, universaltime/0, date/0, time/0 and the
%% local/universal/posix conversion BIFs behind calendar:local_time/0,
%% calendar:universal_time_to_local_time/1 and friends.
-module(t_time_calendar_bifs).
-export([main/0]).

main() ->
    {{Y, Mo, D}, {H, Mi, S}} = erlang:localtime(),
    erlang:display({localtime_shape, Y > 2020, Mo >= 1, Mo =< 12, D >= 1, H < 24, Mi < 60, S < 60}),
    U = erlang:universaltime(),
    Posix = erlang:universaltime_to_posixtime(U),
    Os = os:system_time(second),
    erlang:display({universal_matches_os_clock, abs(Posix - Os) =< 2}),
    erlang:display({date_time, tuple_size(date()), tuple_size(time()), element(1, date()) > 2020}),
    erlang:display({calendar, calendar:valid_date(element(1, calendar:local_time())),
                    abs(calendar:datetime_to_gregorian_seconds(calendar:universal_time())
                        - calendar:datetime_to_gregorian_seconds(U)) =< 2}),
    %% local <-> universal round trip (any time zone without a DST jump at these dates)
    Dts = [{{2024, 1, 15}, {12, 0, 0}}, {{1999, 12, 31}, {23, 59, 59}}, {{2038, 1, 19}, {3, 14, 8}},
           {{1902, 6, 1}, {0, 0, 0}}, {{9999, 12, 31}, {23, 59, 59}}, {{100000, 3, 1}, {1, 2, 3}}],
    erlang:display({roundtrip, [erlang:localtime_to_universaltime(erlang:universaltime_to_localtime(Dt)) =:= Dt
                                || Dt <- Dts]}),
    erlang:display({tz_offset_consistent,
                    [calendar:datetime_to_gregorian_seconds(erlang:universaltime_to_localtime(Dt))
                     - calendar:datetime_to_gregorian_seconds(Dt) =:=
                         calendar:datetime_to_gregorian_seconds(erlang:universaltime_to_localtime({{2024, 1, 15}, {0, 0, 0}}))
                     - calendar:datetime_to_gregorian_seconds({{2024, 1, 15}, {0, 0, 0}})
                     || Dt <- [{{2024, 1, 15}, {12, 0, 0}}, {{2023, 12, 1}, {0, 0, 0}}]]}),
    erlang:display({isdst_forms, [is_tuple(erlang:localtime_to_universaltime({{2024, 1, 15}, {12, 0, 0}}, B))
                                  || B <- [true, false, undefined]]}),
    %% posix time
    erlang:display({posix, [erlang:universaltime_to_posixtime(Dt) || Dt <- [{{1970, 1, 1}, {0, 0, 0}}, {{2024, 1, 1}, {0, 0, 0}},
                                                                           {{1969, 1, 1}, {0, 0, 0}}, {{1902, 1, 1}, {0, 0, 0}},
                                                                           {{9999, 12, 31}, {23, 59, 59}}]]}),
    erlang:display({from_posix, [erlang:posixtime_to_universaltime(T) || T <- [0, -1, -100, 1700000000, 253402300800,
                                                                            -62167219201, 1 bsl 40]]}),
    erlang:display({calendar_system_time, calendar:system_time_to_universal_time(1700000000, second),
                    calendar:system_time_to_rfc3339(1700000000, [{offset, "Z"}])}),
    %% argument errors
    Bad = [{{0, 1, 1}, {0, 0, 0}}, {{1901, 12, 31}, {23, 59, 59}}, {{2024, 2, 30}, {0, 0, 0}},
           {{2024, 1, 1}, {24, 0, 0}}, {{2024, 1, 1}, {0, 60, 0}}, {{2024, 1, 1}, {0, 0, 60}},
           {{2024, 13, 1}, {0, 0, 0}}, {{2024, 1, 1}, {0, 0}}, {{2024, 1, 1.0}, {0, 0, 0}},
           {{1 bsl 40, 1, 1}, {0, 0, 0}}, not_a_date],
    Try = fun(F) -> try F() of V -> {ok, V} catch error:badarg -> badarg end end,
    erlang:display({bad_u2l, [Try(fun() -> erlang:universaltime_to_localtime(B) end) || B <- Bad]}),
    erlang:display({bad_l2u, [Try(fun() -> erlang:localtime_to_universaltime(B) end) || B <- Bad]}),
    erlang:display({bad_u2p, [Try(fun() -> erlang:universaltime_to_posixtime(B) end) || B <- Bad]}),
    erlang:display({bad_p2u, [Try(fun() -> erlang:posixtime_to_universaltime(B) end) || B <- [1.0, x, 1 bsl 70]]}),
    erlang:display({bad_dst, Try(fun() -> erlang:localtime_to_universaltime({{2024, 1, 1}, {0, 0, 0}}, maybe) end)}),
    ok.
