-module(t_re_split).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% re:split/2,3: groups in the result, trim, {parts,N}, group, return
%% types, empty pattern, compiled patterns.
main() ->
    p(fun() -> re:split("a,b,,c,,", ",") end),
    p(fun() -> re:split("a,b,,c,,", ",", [trim]) end),
    p(fun() -> re:split("a,b,,c,,", ",", [{parts, 2}]) end),
    p(fun() -> re:split("a,b,,c,,", ",", [{parts, 0}]) end),
    p(fun() -> re:split("a,b,,c,,", ",", [{parts, infinity}, {return, list}]) end),
    p(fun() -> re:split("a1b2c", "(\\d)", [{return, list}]) end),
    p(fun() -> re:split("a1b2c", "(\\d)(x)?", [{return, list}]) end),
    p(fun() -> re:split("a1b2c", "\\d", [group, {return, list}]) end),
    p(fun() -> re:split("a1b2c", "(\\d)", [group, {return, binary}]) end),
    p(fun() -> re:split("abc", "", [{return, list}]) end),
    p(fun() -> re:split("abc", "", [{return, list}, trim]) end),
    p(fun() -> re:split("a b  c", " +", [{return, binary}]) end),
    p(fun() -> re:split("", ",", [{return, list}]) end),
    p(fun() -> re:split(<<"k1=v1;k2=v2">>, "[=;]") end),
    {ok, MP} = re:compile("\\s+"),
    p(fun() -> re:split("x  y z", MP, [{return, list}]) end),
    p(fun() -> re:split("AxBXc", "x", [caseless, {return, list}]) end),
    p(fun() -> re:split("abc", "b", [bogus]) end),
    p(fun() -> re:split("abc", "(", []) end),
    ok.
