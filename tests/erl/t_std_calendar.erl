%% calendar: date arithmetic via gregorian days/seconds, day of the week,
%% ISO weeks, leap years, last day of month, validity, time differences,
%% and rfc3339 formatting with fixed offsets.
-module(t_std_calendar).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    p(calendar:date_to_gregorian_days(2024, 2, 29)),
    p(calendar:gregorian_days_to_date(739310)),
    p(calendar:date_to_gregorian_days({1970, 1, 1})),
    p(calendar:datetime_to_gregorian_seconds({{2000, 1, 1}, {12, 30, 15}})),
    p(calendar:gregorian_seconds_to_datetime(63113904000)),
    p([calendar:day_of_the_week(Y, M, D) || {Y, M, D} <- [{2024, 1, 1}, {2000, 2, 29}, {1999, 12, 31}, {1, 1, 1}]]),
    p([calendar:is_leap_year(Y) || Y <- [1900, 2000, 2023, 2024, 2100]]),
    p([calendar:last_day_of_the_month(2023, M) || M <- lists:seq(1, 12)]),
    p(calendar:last_day_of_the_month(2024, 2)),
    p([calendar:valid_date(D) || D <- [{2023, 2, 29}, {2024, 2, 29}, {2023, 13, 1}, {2023, 4, 31}]]),
    p([calendar:iso_week_number(D) || D <- [{2021, 1, 1}, {2020, 12, 31}, {2024, 12, 30}, {2026, 6, 15}]]),
    p(calendar:time_difference({{2024, 1, 1}, {0, 0, 0}}, {{2024, 3, 1}, {12, 0, 1}})),
    p(calendar:time_difference({{2024, 3, 1}, {0, 0, 0}}, {{2024, 1, 1}, {0, 0, 0}})),
    p(calendar:seconds_to_daystime(100000)),
    p(calendar:seconds_to_time(3725)),
    p(calendar:time_to_seconds({1, 2, 5})),
    %% add 100 days to a date
    G = calendar:date_to_gregorian_days({2023, 11, 20}),
    p(calendar:gregorian_days_to_date(G + 100)),
    %% Unix epoch conversions
    Epoch = calendar:datetime_to_gregorian_seconds({{1970, 1, 1}, {0, 0, 0}}),
    p(calendar:gregorian_seconds_to_datetime(Epoch + 1700000000)),
    p(calendar:system_time_to_rfc3339(1700000000, [{offset, "Z"}])),
    p(calendar:system_time_to_rfc3339(1700000000123, [{unit, millisecond}, {offset, "+02:00"}])),
    p(calendar:system_time_to_universal_time(86400 * 365, second)),
    p(calendar:rfc3339_to_system_time("2023-11-14T22:13:20Z")),
    p(calendar:rfc3339_to_system_time("2023-11-14T22:13:20.5+01:00", [{unit, millisecond}])),
    p(catch calendar:date_to_gregorian_days(2023, 2, 30)),
    ok.
