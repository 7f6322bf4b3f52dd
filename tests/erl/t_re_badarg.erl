-module(t_re_badarg).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% Argument errors of the re BIFs, and what re.beam does with them.
main() ->
    p(fun() -> re:run(abc, "a") end),
    p(fun() -> re:run("abc", abc) end),
    p(fun() -> re:run("abc", "a", bad) end),
    p(fun() -> re:run("abc", "a", [bogus]) end),
    p(fun() -> re:run("abc", "a", [{capture, all, foo}]) end),
    p(fun() -> re:run("abc", "a", [{capture, bad}]) end),
    p(fun() -> re:run("abc", "a", [{capture, [-1]}]) end),
    p(fun() -> re:run("abc", "a", [{offset, -1}]) end),
    p(fun() -> re:run("abc", "a", [{newline, bad}]) end),
    p(fun() -> re:run([a], "a") end),
    p(fun() -> re:run([256], "a") end),
    p(fun() -> re:run(<<1:3>>, "a") end),
    p(fun() -> re:run("a", {re_pattern, 1, 2, 3}) end),
    p(fun() -> re:run("a", {re_pattern, 0, 0, 0, 42}) end),
    p(fun() -> re:compile("a", [{newline, bad}]) end),
    p(fun() -> re:compile([a]) end),
    p(fun() -> re:replace(abc, "a", "b") end),
    p(fun() -> re:split(abc, "a") end),
    ok.
