-module(t_re_capture).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% {capture, Spec, Type} in every form, unset groups and trailing
%% unset groups.
main() ->
    S = "key=value; other",
    R = "(\\w+)=(\\w+)(;)?(x)?",
    [p(fun() -> re:run(S, R, [{capture, Spec, Type}]) end)
     || Spec <- [all, first, all_but_first, none, [2, 1], [0, 4, 9]],
        Type <- [index, list, binary]],
    p(fun() -> re:run(S, R, [{capture, all_but_first}]) end),
    p(fun() -> re:run("ab", "(a)|(b)") end),
    p(fun() -> re:run("b", "(a)|(b)") end),
    p(fun() -> re:run("b", "(a)|(b)", [{capture, all, binary}]) end),
    p(fun() -> re:run("b", "(a)|(b)|(c)", [{capture, [1, 2, 3], list}]) end),
    N = "(?<year>\\d{4})-(?<month>\\d\\d)(?<day>-\\d\\d)?",
    p(fun() -> re:run("on 2024-11", N, [{capture, all_names, binary}]) end),
    p(fun() -> re:run("on 2024-11", N, [{capture, all_names, index}]) end),
    p(fun() -> re:run("on 2024-11", N, [{capture, [month, "year", day], list}]) end),
    p(fun() -> re:run("on 2024-11", N, [{capture, [nosuch], list}]) end),
    p(fun() -> re:run("on 2024-11", N, [{capture, [<<"month">>], binary}]) end),
    p(fun() -> re:run(<<"xyz">>, "y", [{capture, first, binary}]) end),
    p(fun() -> re:run(<<"xyz">>, "(q)?y", [{capture, all, list}]) end),
    {ok, MP} = re:compile("(?<b>x)(?<a>y)(?<b2>z)?"),
    p(fun() -> re:inspect(MP, namelist) end),
    p(fun() -> re:run("xy", MP, [{capture, all_names, list}]) end),
    ok.
