-module(t_re_global).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% global matching: every match, empty matches advance, CRLF newlines,
%% offsets and capture forms.
main() ->
    p(fun() -> re:run("a1b22c333", "\\d+", [global]) end),
    p(fun() -> re:run("a1b22c333", "(\\w)(\\d+)", [global, {capture, all, list}]) end),
    p(fun() -> re:run("a1b22c333", "(\\w)(\\d+)", [global, {capture, all_but_first, binary}]) end),
    p(fun() -> re:run("abc", "", [global]) end),
    p(fun() -> re:run("abc", "x*", [global]) end),
    p(fun() -> re:run("aaba", "a*", [global]) end),
    p(fun() -> re:run("ab", "a|", [global, notempty]) end),
    p(fun() -> re:run("abab", "b", [global, {offset, 2}]) end),
    p(fun() -> re:run("aa", "a", [global, {capture, none}]) end),
    p(fun() -> re:run("zz", "a", [global]) end),
    p(fun() -> re:run("a\r\nb", "", [global, {newline, crlf}]) end),
    p(fun() -> re:run("a\r\nb", "", [global]) end),
    p(fun() -> re:run("a\r\nb", "$", [global, {newline, crlf}, multiline]) end),
    p(fun() -> re:run("a\r\nb", "$", [global, {newline, lf}, multiline]) end),
    p(fun() -> re:run("a\r\nb\rc", "^", [global, {newline, any}, multiline]) end),
    p(fun() -> re:run("one two  three", "\\b", [global]) end),
    p(fun() -> re:run(<<"x=1,y=2">>, "(?<k>\\w)=(?<v>\\d)", [global, {capture, [k, v], binary}]) end),
    ok.
