-module(t_re_compile).
-export([main/0]).

t(F) ->
    try F() of R -> R catch C:E -> {C, E} end.

p(F) -> io:format("~p~n", [t(F)]).

%% re:compile/1,2: {ok, MP} shape (the binary is implementation
%% specific, so only the header fields are shown), errors with PCRE's
%% messages and offsets, compiled patterns in run/3, badargs.
main() ->
    Errs = ["(abc", "abc)", "*a", "a{3,2}", "[a", "\\", "(?<n>a", "a**",
            "x{99999}", "[z-a]", "\\k<zz>", "(?z)", "[[:foo:]]", "(?#abc",
            "a\\", "(?<=a+)b", "?", "a(?P<1a>x)"],
    [p(fun() -> {P, re:compile(P)} end) || P <- Errs],
    Hdr = fun({ok, {re_pattern, N, U, C, B}}) when is_binary(B) -> {N, U, C};
             (Other) -> Other end,
    p(fun() -> Hdr(re:compile("a(b)(?<N>c)")) end),
    p(fun() -> Hdr(re:compile("a", [unicode])) end),
    p(fun() -> Hdr(re:compile(<<"a">>, [{newline, crlf}])) end),
    p(fun() -> Hdr(re:compile("a", [{newline, any}])) end),
    p(fun() -> Hdr(re:compile("a", [{newline, anycrlf}])) end),
    p(fun() -> Hdr(re:compile("a", [{newline, cr}, caseless, multiline, dotall, extended, ungreedy, anchored])) end),
    p(fun() -> re:compile("a", [global]) end),
    p(fun() -> re:compile("a", [{capture, all}]) end),
    p(fun() -> re:compile(123) end),
    p(fun() -> re:compile("a", bad) end),
    {ok, MP} = re:compile("B+", [caseless]),
    p(fun() -> re:run("abbbc", MP) end),
    p(fun() -> re:run("abbbc", MP, [{capture, first, list}]) end),
    p(fun() -> re:run("abbbc", MP, [caseless]) end),
    p(fun() -> re:run("abbbc", MP, [global, {offset, 2}]) end),
    {ok, MP2} = re:compile("B+", [caseless]),
    p(fun() -> MP =:= MP2 end),
    p(fun() -> re:run("x", "(", [report_errors]) end),
    p(fun() -> re:run("x", "(") end),
    p(fun() -> re:inspect(MP, namelist) end),
    p(fun() -> re:inspect(MP, other) end),
    p(fun() -> is_binary(re:version()) end),
    ok.
