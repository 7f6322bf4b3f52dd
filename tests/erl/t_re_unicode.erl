-module(t_re_unicode).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% unicode: chardata subjects, byte offsets, list captures as code
%% points, empty-match advance over multibyte characters, bad UTF-8.
main() ->
    S = "åäö x€y",
    p(fun() -> re:run(S, "ä", [unicode]) end),
    p(fun() -> re:run(S, "€", [unicode, {capture, all, list}]) end),
    p(fun() -> re:run(S, "(.)(.)", [unicode, {capture, all, list}]) end),
    p(fun() -> re:run(S, "(.)(.)", [unicode, {capture, all, binary}]) end),
    p(fun() -> re:run(S, "", [unicode, global]) end),
    p(fun() -> re:run(unicode:characters_to_binary(S), "\\w+", [unicode, global, {capture, all, list}]) end),
    p(fun() -> re:run(S, "[[:alpha:]]+", [unicode, ucp, {capture, first, list}]) end),
    p(fun() -> re:run(S, "Å", [unicode, caseless]) end),
    p(fun() -> re:run(<<255, 0>>, "a", [unicode]) end),
    p(fun() -> re:run([1000], "a") end),
    p(fun() -> re:run([1000, $a], "a", [unicode]) end),
    p(fun() -> re:run(<<"åäö"/utf8>>, <<"ä"/utf8>>) end),
    p(fun() -> re:replace(S, "ä", "A", [unicode, {return, list}]) end),
    p(fun() -> re:replace(S, "(.)", "<\\1>", [unicode, global, {return, binary}]) end),
    p(fun() -> re:split(S, "", [unicode, {return, list}]) end),
    p(fun() -> re:split(S, " ", [unicode, {return, binary}]) end),
    {ok, MP} = re:compile("ö", [unicode]),
    p(fun() -> element(3, MP) end),
    p(fun() -> re:run(S, MP) end),
    p(fun() -> re:run(S, MP, [{capture, all, list}]) end),
    ok.
