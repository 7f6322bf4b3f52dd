-module(t_re_replace).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% re:replace/3,4 (Erlang code in re.beam over re:run/3): \N, \g{N},
%% \g{Name}, &, escaped \&, global, return types, fun replacements.
main() ->
    p(fun() -> re:replace("abcabc", "b(c)", "[\\1&]", [global, {return, list}]) end),
    p(fun() -> re:replace("abcabc", "b", "X") end),
    p(fun() -> re:replace("abcabc", "b", "X", [{return, binary}]) end),
    p(fun() -> re:replace(<<"hello world">>, "o", "0", [global, {return, binary}]) end),
    p(fun() -> re:replace("aaa", "a*", "-", [global, {return, list}]) end),
    p(fun() -> re:replace("abc", "(?<n>b)", "<\\g{n}>", [{return, list}]) end),
    p(fun() -> re:replace("abc", "(b)", "\\g1\\g{1}0", [{return, list}]) end),
    p(fun() -> re:replace("abc", "b", "\\&", [{return, list}]) end),
    p(fun() -> re:replace("abc", "b", "\\\\", [{return, list}]) end),
    p(fun() -> re:replace("abc", "(x)?b", "[\\1]", [{return, list}]) end),
    p(fun() -> re:replace("abc", "b", "\\9", [{return, list}]) end),
    p(fun() -> re:replace("Hello World", "(\\w+) (\\w+)", "\\2 \\1", [{return, list}]) end),
    p(fun() -> re:replace("a-b-c", "-", "+", [global, {return, list}]) end),
    p(fun() -> re:replace("ABC", "b", "x", [caseless, {return, list}]) end),
    p(fun() -> re:replace("nothing", "z", "y", [{return, list}]) end),
    p(fun() -> re:replace("abc", "b", fun(M, Gs) -> [M, M | Gs] end, [{return, list}]) end),
    {ok, MP} = re:compile("[aeiou]"),
    p(fun() -> re:replace("education", MP, "_", [global, {return, list}]) end),
    p(fun() -> re:replace("x", "(", "y") end),
    p(fun() -> re:replace("x", "x", "y", [bogus]) end),
    ok.
