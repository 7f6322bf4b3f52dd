-module(t_re_flags).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% Compile flags through run/3: caseless, multiline, dotall, extended,
%% ungreedy, dollar_endonly, firstline, newline conventions, bsr.
main() ->
    p(fun() -> re:run("Hello\nWorld", "^w", [caseless, multiline]) end),
    p(fun() -> re:run("Hello\nWorld", "^w", [caseless]) end),
    p(fun() -> re:run("Hello\nWorld", "^W", [multiline]) end),
    p(fun() -> re:run("Hello\nWorld", "o$", [multiline, global]) end),
    p(fun() -> re:run("a\nb", "a.b", [dotall, {capture, all, list}]) end),
    p(fun() -> re:run("a\nb", "a.b", []) end),
    p(fun() -> re:run("aaa", "a+?", [{capture, first, list}]) end),
    p(fun() -> re:run("aaa", "a+", [ungreedy, {capture, first, list}]) end),
    p(fun() -> re:run("aaa", "a+?", [ungreedy, {capture, first, list}]) end),
    p(fun() -> re:run("abc", "b # comment\n c", [extended, {capture, first, binary}]) end),
    p(fun() -> re:run("abc\n", "c$", []) end),
    p(fun() -> re:run("abc\n", "c$", [dollar_endonly]) end),
    p(fun() -> re:run("ab\ncd", "cd", [firstline]) end),
    p(fun() -> re:run("a\rb", "^b", [multiline, {newline, cr}]) end),
    p(fun() -> re:run("a\rb", "^b", [multiline]) end),
    p(fun() -> re:run("a\r\nb", "a.b", [{newline, crlf}]) end),
    p(fun() -> re:run("a\r\nb", "a$", [multiline, {newline, anycrlf}]) end),
    p(fun() -> re:run("a\r\nb", "a\\Rb", [bsr_anycrlf]) end),
    p(fun() -> re:run("ABC", "(?i)b") end),
    p(fun() -> re:run("A\nB", "(?s)A.B") end),
    p(fun() -> re:run("ÀB", "àb", [caseless]) end),
    p(fun() -> re:run("x", "x", [{match_limit, 100}]) end),
    %% OTP's PCRE classifies bytes as Latin-1.
    Cls = ["\\w", "\\s", "[[:alpha:]]", "[[:upper:]]", "[[:lower:]]",
           "[[:punct:]]", "[[:print:]]", "[[:graph:]]", "[[:cntrl:]]"],
    p(fun() -> [{C, [B || B <- [133, 160, 169, 170, 181, 201, 215, 223, 233, 247, 255],
                          re:run([B], C, [{capture, none}]) =:= match]} || C <- Cls] end),
    p(fun() -> [re:run([B], [B bxor 32], [caseless, {capture, none}]) || B <- [201, 215, 222, 223, 255]] end),
    p(fun() -> re:run("É", "é", [unicode, caseless]) end),
    p(fun() -> re:run("é", "\\w", [unicode]) end),
    p(fun() -> re:run("é", "\\w", [unicode, ucp]) end),
    ok.
