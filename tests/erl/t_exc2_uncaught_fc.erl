%% function_clause escaping main from a local function with arguments.
-module(t_exc2_uncaught_fc).
-export([main/0, id/1]).

id(X) -> X.

pick(a, N) -> N;
pick(b, N) when N > 0 -> -N.

main() ->
    erlang:display(pick(a, 1)),
    erlang:display(pick(b, 2)),
    erlang:display(pick(id(b), id(-2))).
