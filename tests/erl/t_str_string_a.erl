%% string module (OTP 20+ API), part 1: lexemes, tokens, split, trim,
%% pad, length, slice, reverse, equal, prefix, on lists, binaries and
%% unicode chardata.
-module(t_str_string_a).
-export([main/0]).

p(X) -> io:format("~tp~n", [X]).

main() ->
    p(string:lexemes("  a  b,c,,d ", " ,")),
    p(string:lexemes(<<"one two  three">>, " ")),
    p(string:lexemes("a\r\nb\nc", [[$\r, $\n], $\n])),
    p(string:tokens("a,b,,c", ",")),
    p(string:split("a=b=c", "=")),
    p(string:split("a=b=c", "=", trailing)),
    p(string:split("a=b=c", "=", all)),
    p(string:split(<<"k: v: w">>, ": ", all)),
    p(string:split("abc", "x")),
    p(string:split("", "x")),
    p(string:trim("  \t hi there \n ")),
    p(string:trim("xxhixx", leading, "x")),
    p(string:trim("xxhixx", trailing, "x")),
    p(string:trim(<<"  bin  ">>)),
    p(string:trim("..ab..", both, ".")),
    p(string:pad("abc", 8)),
    p(string:pad("abc", 8, leading)),
    p(string:pad("abc", 8, both, $*)),
    p(string:pad(<<"ab">>, 5, trailing, $-)),
    p(string:pad("toolong", 3)),
    p({string:length("héllo wörld"), string:length(<<"日本語"/utf8>>), string:length("")}),
    p(string:slice("hello world", 6)),
    p(string:slice("hello world", 0, 5)),
    p(string:slice(<<"héllo"/utf8>>, 1, 3)),
    p(string:reverse("hello")),
    p(string:reverse(<<"abc">>)),
    p({string:equal("abc", <<"abc">>), string:equal("ABC", "abc", true), string:equal("a", "b")}),
    p({string:prefix("prefix-rest", "prefix-"), string:prefix("abc", "x")}),
    p(string:is_empty("")), p(string:is_empty([<<>>, []])), p(string:is_empty(" ")),
    p(string:chomp("line\n")), p(string:chomp("line\r\n")),
    p(string:take("abc123", "abc")),
    p(string:take("abc123", "0123456789", true)),
    p(string:take("   x", " ", false, leading)),
    p(string:take("x   ", " ", false, trailing)),
    p(string:lexemes("åäö åäö", " ")),
    p(string:split("a\x{1F600}b\x{1F600}c", [16#1F600], all)),
    ok.
