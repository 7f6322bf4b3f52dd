%% Date/time utilities on top of calendar: ISO-8601 parsing/formatting,
%% durations, week numbers, business-day arithmetic, a month calendar
%% renderer and recurring-event expansion.
-module(t_app_dates).
-export([main/0]).

main() ->
    Stamps = ["2024-02-29T23:59:59", "1999-12-31T00:00:00", "2000-01-01T12:30:45",
              "2023-06-15T08:05:09", "1970-01-01T00:00:00", "2038-01-19T03:14:07"],
    lists:foreach(fun(S) ->
                          DT = {{Y, M, D}, _} = parse_iso(S),
                          Secs = calendar:datetime_to_gregorian_seconds(DT),
                          Unix = Secs - calendar:datetime_to_gregorian_seconds({{1970, 1, 1}, {0, 0, 0}}),
                          {WY, WN} = calendar:iso_week_number({Y, M, D}),
                          io:format("~s  dow=~-9s unix=~11b  week=~b-W~2..0b  doy=~3b  leap=~p~n",
                                    [format_iso(DT), day_name(calendar:day_of_the_week(Y, M, D)), Unix,
                                     WY, WN, day_of_year({Y, M, D}), calendar:is_leap_year(Y)])
                  end, Stamps),
    %% differences
    A = parse_iso("2023-01-01T00:00:00"),
    B = parse_iso("2024-03-15T13:45:30"),
    {Days, {H, Mi, S}} = calendar:time_difference(A, B),
    io:format("diff: ~b days ~2..0b:~2..0b:~2..0b (~s)~n", [Days, H, Mi, S, human(seconds(B) - seconds(A))]),
    io:format("human: ~p~n", [[human(X) || X <- [0, 59, 61, 3600, 86399, 90061, 31536000 + 3 * 86400]]]),
    %% add business days
    Start = {2024, 12, 20},
    Holidays = [{2024, 12, 25}, {2024, 12, 26}, {2025, 1, 1}],
    [io:format("~s + ~2b business days = ~s~n", [fmt_date(Start), N, fmt_date(add_business(Start, N, Holidays))])
     || N <- [1, 3, 5, 10]],
    %% month calendars
    render_month(2024, 2),
    render_month(2025, 6),
    %% recurring: every 2nd tuesday of the month in 2024; and every 45 days from a date
    Tues = [second_weekday(2024, M, 2) || M <- lists:seq(1, 12)],
    io:format("2nd tuesdays: ~s~n", [lists:join(" ", [fmt_date(D) || D <- Tues])]),
    Every = recurring({2024, 1, 31}, 45, 8),
    io:format("every 45 days: ~s~n", [lists:join(" ", [fmt_date(D) || D <- Every])]),
    MonthEnds = [add_months({2024, 1, 31}, K) || K <- lists:seq(0, 13)],
    io:format("month ends: ~s~n", [lists:join(" ", [fmt_date(D) || D <- MonthEnds])]),
    io:format("invalid: ~p ~p~n", [calendar:valid_date(2023, 2, 29), catch parse_iso("2023-02-29T00:00:00")]),
    io:format("bad format: ~p~n", [catch parse_iso("2023/01/01")]),
    ok.

parse_iso(S) ->
    case io_lib:fread("~4d-~2d-~2dT~2d:~2d:~2d", S) of
        {ok, [Y, M, D, H, Mi, Se], []} ->
            case calendar:valid_date(Y, M, D) of
                true -> {{Y, M, D}, {H, Mi, Se}};
                false -> throw({invalid_date, {Y, M, D}})
            end;
        Other -> throw({bad_format, S, Other})
    end.

format_iso({{Y, M, D}, {H, Mi, S}}) ->
    lists:flatten(io_lib:format("~4..0b-~2..0b-~2..0bT~2..0b:~2..0b:~2..0bZ", [Y, M, D, H, Mi, S])).

fmt_date({Y, M, D}) -> io_lib:format("~4..0b-~2..0b-~2..0b", [Y, M, D]).

seconds(DT) -> calendar:datetime_to_gregorian_seconds(DT).

day_of_year({Y, _, _} = D) -> calendar:date_to_gregorian_days(D) - calendar:date_to_gregorian_days({Y, 1, 1}) + 1.

day_name(N) -> element(N, {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}).

human(0) -> "now";
human(Secs) ->
    Units = [{31536000, "y"}, {86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}],
    {Parts, _} = lists:foldl(fun({U, N}, {Acc, Rem}) ->
                                     case Rem div U of
                                         0 -> {Acc, Rem};
                                         K -> {[integer_to_list(K) ++ N | Acc], Rem rem U}
                                     end
                             end, {[], Secs}, Units),
    string:join(lists:reverse(Parts), " ").

add_days(D, N) -> calendar:gregorian_days_to_date(calendar:date_to_gregorian_days(D) + N).

add_business(D, 0, _) -> D;
add_business(D, N, Hol) ->
    Next = add_days(D, 1),
    case calendar:day_of_the_week(Next) >= 6 orelse lists:member(Next, Hol) of
        true -> add_business(Next, N, Hol);
        false -> add_business(Next, N - 1, Hol)
    end.

render_month(Y, M) ->
    Title = io_lib:format("~s ~b", [element(M, {"January", "February", "March", "April", "May", "June", "July",
                                                "August", "September", "October", "November", "December"}), Y]),
    io:format("~s~n", [string:pad(lists:flatten(Title), 20, both)]),
    io:format("Mo Tu We Th Fr Sa Su~n"),
    First = calendar:day_of_the_week(Y, M, 1),
    Last = calendar:last_day_of_the_month(Y, M),
    Cells = lists:duplicate(First - 1, "  ") ++ [io_lib:format("~2b", [D]) || D <- lists:seq(1, Last)],
    print_weeks(Cells).

print_weeks([]) -> ok;
print_weeks(Cells) when length(Cells) =< 7 -> io:format("~s~n", [lists:join(" ", Cells)]);
print_weeks(Cells) ->
    {W, Rest} = lists:split(7, Cells),
    io:format("~s~n", [lists:join(" ", W)]),
    print_weeks(Rest).

second_weekday(Y, M, Dow) ->
    First = calendar:day_of_the_week(Y, M, 1),
    Offset = (Dow - First + 7) rem 7,
    {Y, M, 1 + Offset + 7}.

recurring(_, _, 0) -> [];
recurring(D, Step, N) -> [D | recurring(add_days(D, Step), Step, N - 1)].

add_months({Y, M, D}, K) ->
    T = Y * 12 + (M - 1) + K,
    Y1 = T div 12, M1 = T rem 12 + 1,
    {Y1, M1, min(D, calendar:last_day_of_the_month(Y1, M1))}.
