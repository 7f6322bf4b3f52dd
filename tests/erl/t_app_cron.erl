%% A cron expression engine: parses five-field expressions (lists,
%% ranges, steps, names, wildcards) into sets, validates them with
%% descriptive errors, and computes the next N run times after a fixed
%% start with calendar arithmetic (day-of-month/day-of-week OR rule).
-module(t_app_cron).
-export([main/0]).

main() ->
    Start = {{2024, 2, 27}, {22, 58, 0}},
    Exprs = ["*/15 * * * *",
             "0 9-17 * * mon-fri",
             "30 2 1,15 * *",
             "0 0 29 2 *",
             "5 4 * * sun",
             "0 12 13 * fri",
             "0 0 1 jan,jul *",
             "59 23 31 12 *",
             "*/7 */5 * * *",
             "0 0 * * 7",
             "61 * * * *",
             "* * * *",
             "0 0 30 feb *",
             "0 0 * * funday",
             "10-5 * * * *",
             "*/0 * * * *"],
    lists:foreach(fun(E) ->
                          case parse(E) of
                              {ok, Spec} ->
                                  Runs = next_runs(Spec, Start, 5),
                                  io:format("~-20s -> ~s~n", [E, lists:join(", ", [fmt(R) || R <- Runs])]);
                              {error, Why} ->
                                  io:format("~-20s -> error: ~p~n", [E, Why])
                          end
                  end, Exprs),
    {ok, Spec} = parse("0 9-17 * * mon-fri"),
    io:format("expanded hours: ~w~n", [maps:get(hour, Spec)]),
    io:format("describe: ~s~n", [describe(Spec)]),
    %% how many runs of "*/15 9-17 * * mon-fri" in March 2024
    {ok, S2} = parse("*/15 9-17 * * mon-fri"),
    N = count_runs(S2, {{2024, 3, 1}, {0, 0, 0}}, {{2024, 4, 1}, {0, 0, 0}}),
    io:format("business-hour quarter-hours in March 2024: ~b~n", [N]),
    ok.

fmt({{Y, Mo, D}, {H, Mi, _}}) ->
    io_lib:format("~4..0b-~2..0b-~2..0b ~2..0b:~2..0b ~s", [Y, Mo, D, H, Mi, dow_name(calendar:day_of_the_week(Y, Mo, D))]).

dow_name(N) -> element(N, {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}).

%% ---------------------------------------------------------------- parser
fields() -> [{minute, 0, 59}, {hour, 0, 23}, {dom, 1, 31}, {month, 1, 12}, {dow, 0, 7}].

parse(Expr) ->
    Parts = string:lexemes(Expr, " "),
    case length(Parts) of
        5 ->
            try
                Spec = maps:from_list([{Name, field(Name, Lo, Hi, P)} || {{Name, Lo, Hi}, P} <- lists:zip(fields(), Parts)]),
                Dow = lists:usort([D rem 7 || D <- maps:get(dow, Spec)]),
                Spec1 = Spec#{dow := Dow, dom_star => hd(tl(tl(Parts))) =:= "*", dow_star => lists:last(Parts) =:= "*"},
                check_possible(Spec1),
                {ok, Spec1}
            catch
                throw:Why -> {error, Why}
            end;
        N -> {error, {field_count, N}}
    end.

field(Name, Lo, Hi, Text) ->
    lists:usort(lists:append([item(Name, Lo, Hi, I) || I <- string:lexemes(Text, ",")])).

item(Name, Lo, Hi, I) ->
    {RangeText, Step} = case string:split(I, "/") of
                            [R, S] ->
                                case string:to_integer(S) of
                                    {St, ""} when St > 0 -> {R, St};
                                    _ -> throw({bad_step, Name, S})
                                end;
                            [R] -> {R, 1}
                        end,
    {A, B} = case RangeText of
                 "*" -> {Lo, Hi};
                 _ ->
                     case string:split(RangeText, "-") of
                         [X, Y] -> {value(Name, X), value(Name, Y)};
                         [X] when Step > 1 -> {value(Name, X), Hi};
                         [X] -> V = value(Name, X), {V, V}
                     end
             end,
    [throw({out_of_range, Name, V, {Lo, Hi}}) || V <- [A, B], V < Lo orelse V > Hi],
    A =< B orelse throw({empty_range, Name, RangeText}),
    lists:seq(A, B, Step).

value(Name, Text) ->
    case string:to_integer(Text) of
        {V, ""} -> V;
        _ -> named(Name, string:lowercase(Text))
    end.

named(month, T) -> index(T, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1);
named(dow, T) -> index(T, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], 0);
named(Name, T) -> throw({bad_value, Name, T}).

index(T, Names, Base) ->
    case string:str(string:join(Names, ","), T) of
        _ when length(T) =/= 3 -> throw({bad_name, T});
        0 -> throw({bad_name, T});
        Pos -> (Pos - 1) div 4 + Base
    end.

check_possible(#{dom := Doms, month := Months}) ->
    Max = lists:max([calendar:last_day_of_the_month(2024, M) || M <- Months]),
    lists:min(Doms) =< Max orelse throw({impossible_date, Doms, Months}).

describe(#{minute := Mi, hour := H, dow := Dow}) ->
    io_lib:format("at minute ~w past hours ~b..~b on days ~s", [Mi, hd(H), lists:last(H),
                                                                 string:join([dow_name(case D of 0 -> 7; _ -> D end) || D <- Dow], "/")]).

%% ---------------------------------------------------------------- scheduling
matches(#{minute := Mi, hour := H, dom := Dom, month := Mo, dow := Dow, dom_star := DS, dow_star := WS},
        {{Y, M, D}, {Hr, Min, _}}) ->
    DayOk = case {DS, WS} of
                {true, true} -> true;
                {false, true} -> lists:member(D, Dom);
                {true, false} -> lists:member(calendar:day_of_the_week(Y, M, D) rem 7, Dow);
                {false, false} -> lists:member(D, Dom) orelse lists:member(calendar:day_of_the_week(Y, M, D) rem 7, Dow)
            end,
    lists:member(M, Mo) andalso DayOk andalso lists:member(Hr, H) andalso lists:member(Min, Mi).

next_runs(_Spec, _From, 0) -> [];
next_runs(Spec, From, N) ->
    case next(Spec, add_minutes(From, 1), 0) of
        none -> [];
        T -> [T | next_runs(Spec, T, N - 1)]
    end.

%% skip whole days/hours that cannot match to stay fast
next(_Spec, _T, Steps) when Steps > 600000 -> none;
next(Spec = #{hour := Hs}, T = {{Y, M, D}, {H, _, _}}, Steps) ->
    DayOk = matches(Spec#{hour := lists:seq(0, 23), minute := lists:seq(0, 59)}, {{Y, M, D}, {0, 0, 0}}),
    if not DayOk -> next(Spec, {calendar:gregorian_days_to_date(calendar:date_to_gregorian_days({Y, M, D}) + 1), {0, 0, 0}}, Steps + 1);
       true ->
            case lists:member(H, Hs) of
                false -> next(Spec, add_minutes({{Y, M, D}, {H, 0, 0}}, 60), Steps + 1);
                true ->
                    case matches(Spec, T) of
                        true -> T;
                        false -> next(Spec, add_minutes(T, 1), Steps + 1)
                    end
            end
    end.

add_minutes(DT, N) ->
    calendar:gregorian_seconds_to_datetime(calendar:datetime_to_gregorian_seconds(DT) + 60 * N).

count_runs(Spec, From, To) -> count_runs(Spec, From, To, 0).
count_runs(Spec, From, To, Acc) ->
    case next(Spec, add_minutes(From, 1), 0) of
        T when T < To -> count_runs(Spec, T, To, Acc + 1);
        _ -> Acc
    end.
