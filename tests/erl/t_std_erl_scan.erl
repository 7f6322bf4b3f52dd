%% erl_scan: tokens with continuations, reserved words, text and
%% location options, all token kinds (chars, floats, based integers,
%% strings with escapes, atoms, operators), and error tokens.
-module(t_std_erl_scan).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

feed(Cont, [], Acc) -> {Cont, lists:reverse(Acc)};
feed(Cont, [Chunk | Rest], Acc) ->
    case erl_scan:tokens(Cont, Chunk, 1) of
        {done, Result, Left} -> feed([], [Left | Rest], [Result | Acc]);
        {more, Cont2} -> feed(Cont2, Rest, Acc)
    end.

main() ->
    p(erl_scan:string("a Var _x 'Q a' \"s\\n\\t\\x41\" $a $\\n 1.5e3 16#FF 2#101 1_000 -7")),
    p(erl_scan:string("fun case of end receive after try catch when andalso orelse div rem bnot")),
    p(erl_scan:string("-> <- <= >= =< == /= =:= =/= ++ -- ! | || :: ... .. # ? ?=")),
    p(erl_scan:string("x. % comment\ny.", 1, [return_comments])),
    p(erl_scan:string("foo(Bar)", {3, 5}, [text])),
    p(erl_scan:string("$")),
    p(erl_scan:string("1.0e")),
    p(erl_scan:string("'unterminated")),
    p(erl_scan:string("\\x")),
    p(erl_scan:reserved_word('case')),
    p(erl_scan:reserved_word(foo)),
    {ok, [T | _], _} = erl_scan:string("hello", {1, 1}, [text]),
    p({erl_scan:category(T), erl_scan:symbol(T), erl_scan:location(T),
       erl_scan:line(T), erl_scan:column(T), erl_scan:text(T)}),
    {_, Results} = feed([], ["foo(X) -", "> X + ", "1.\nbar", "() -> ok.\n", "baz"], []),
    p(Results),
    p(erl_scan:format_error({string, $", "abc"})),
    p(lists:flatten(erl_scan:format_error({illegal, character}))),
    p(erl_scan:string("ÿ åäö 'ĥ' \"ĥ\"")),
    p(erl_scan:string("16#1G")),
    p(erl_scan:string("0.5 .5")),
    ok.
