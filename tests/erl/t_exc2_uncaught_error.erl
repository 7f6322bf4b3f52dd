%% (output via erlang:display: erl drops io:format output still queued
%% when init halts.)
%% An error/3 with error_info escapes main after some output: erl prints
%% the crash to stderr and exits with status 1.
-module(t_exc2_uncaught_error).
-export([main/0, id/1]).

id(X) -> X.

check(X) when is_integer(X) -> X;
check(X) -> error(not_integer, [X], [{error_info, #{module => ?MODULE}}]).

main() ->
    erlang:display(check(1)),
    erlang:display(check(id(2)) + 1),
    erlang:display(about_to_fail),
    erlang:display(check(id(three))),
    erlang:display(not_reached).
