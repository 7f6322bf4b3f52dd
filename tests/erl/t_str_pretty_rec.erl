%% io_lib_pretty:print with a record printing fun (as the shell uses),
%% column, line length, depth, and encoding options.
-module(t_str_pretty_rec).
-export([main/0]).

-record(person, {name, age = 0, tags = []}).
-record(team, {title, members = [], lead}).

rf(person, 3) -> record_info(fields, person);
rf(team, 3) -> record_info(fields, team);
rf(_, _) -> no.

pr(T, Opts) ->
    io:format("~ts~n", [io_lib_pretty:print(T, [{record_print_fun, fun rf/2} | Opts])]).

main() ->
    P = #person{name = "Bob", age = 33, tags = [a, b]},
    T = #team{title = "Core", members = [P, P#person{name = "Eve"}, #person{}], lead = P},
    pr(P, []),
    pr(T, []),
    pr(T, [{column, 20}]),
    pr(T, [{line_length, 40}]),
    pr(T, [{depth, 6}]),
    pr([T, {not_a_record, 1}, {person, 1}], [{line_length, 60}]),
    pr(#{rec => P, list => lists:seq(1, 30)}, []),
    pr("åäö", [{encoding, unicode}]),
    pr("åäö", [{encoding, latin1}]),
    pr([1, 2, 3], [{strings, false}]),
    pr("abc", [{strings, false}]),
    pr(lists:seq(1, 40), [{line_length, 30}, {column, 5}]),
    io:format("~p~n", [io_lib_pretty:print({a, b})]),
    io:format("~ts~n", [io_lib_pretty:print(P, 10, 80, 5)]),
    ok.
