%% size/1 on tuples and bitstrings (whole bytes, rounded down), in guards and bodies.
-module(t_size_bif).
-export([main/0, id/1]).

id(X) -> X.

g(X) when size(X) >= 2 -> big;
g(_) -> small.

main() ->
    erlang:display([size(id({})), size(id({a, b})), size(id(<<>>)), size(id(<<1, 2, 3>>)),
                    size(id(<<1:3>>)), size(id(<<1, 2:5>>)), size(id(binary:copy(<<7>>, 100)))]),
    erlang:display([g(id({a, b})), g(id(<<1>>)), g(id(<<1, 2>>)), g(id([1, 2])), g(id(3))]),
    erlang:display(catch size(id([1]))),
    ok.
