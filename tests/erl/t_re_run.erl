-module(t_re_run).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% re:run/2,3 basics: subjects as binary, string and iolist; offsets;
%% anchored, notempty, notbol/noteol.
main() ->
    p(fun() -> re:run("hello world", "o") end),
    p(fun() -> re:run(<<"hello world">>, "wor") end),
    p(fun() -> re:run(["he", [<<"ll">>, $o], " world"], <<"lo w">>) end),
    p(fun() -> re:run("hello", "z") end),
    p(fun() -> re:run("hello", ["l", <<"+">>]) end),
    p(fun() -> re:run("abcabc", "b", [{offset, 2}]) end),
    p(fun() -> re:run("abcabc", "b", [{offset, 6}]) end),
    p(fun() -> re:run("xabc", "abc", [anchored]) end),
    p(fun() -> re:run("xabc", "abc", [{offset, 1}, anchored]) end),
    p(fun() -> re:run("abc", "x*", [notempty]) end),
    p(fun() -> re:run("abc", "x*") end),
    p(fun() -> re:run("abc", "^a", [notbol]) end),
    p(fun() -> re:run("abc", "c$", [noteol]) end),
    p(fun() -> re:run("2024-11-24", "(\\d+)-(\\d+)-(\\d+)") end),
    p(fun() -> re:run("aaa", "a{2}") end),
    p(fun() -> re:run("foo.bar", "\\.") end),
    p(fun() -> re:run("tab\there", "\\s") end),
    p(fun() -> re:run("", "") end),
    p(fun() -> re:run("abc", "(?=c)") end),
    p(fun() -> re:run("abc", "(?<=b)c") end),
    p(fun() -> re:run("abab", "(ab)\\1") end),
    p(fun() -> re:run(<<0, 1, 2, 255>>, <<255>>) end),
    p(fun() -> [re:run(S, "^[a-z]+$", [{capture, none}]) || S <- ["abc", "ab1", ""]] end),
    ok.
