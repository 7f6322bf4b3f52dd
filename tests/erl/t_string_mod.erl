%% The string module (unicode-aware, runs OTP library code).
-module(t_string_mod).
-export([main/0]).

main() ->
    S = "  Hello, Girder World  ",
    erlang:display(string:trim(S)),
    erlang:display(string:lexemes(S, " ,")),
    erlang:display(string:uppercase("abc def")),
    erlang:display(string:split("a=b=c", "=", all)),
    erlang:display(string:find("hello world", "o w")),
    erlang:display(string:length("héllo")),
    erlang:display(string:reverse("abc")),
    erlang:display(string:pad("7", 3, leading, $0)),
    erlang:display(string:to_integer("123abc")),
    erlang:display(string:replace("a-b-c", "-", "+", all)),
    ok.
