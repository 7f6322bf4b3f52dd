%% Comparisons between integers (small and big) and floats, term order of
%% mixed numbers, equality vs exact equality, max/min, sorting.
-module(t_float_compare).
-export([main/0, id/1]).

id(X) -> X.

cmp(A, B) -> {A < B, A == B, A =:= B, A > B, A =< B, A >= B, A =/= B, A /= B}.

main() ->
    erlang:display(cmp(id(1), id(1.0))),
    erlang:display(cmp(id(1.0), id(1))),
    erlang:display(cmp(id(2), id(1.5))),
    erlang:display(cmp(id(-0.0), id(0.0))),
    erlang:display(cmp(id(0), id(-0.0))),
    P53 = id(1 bsl 53),
    erlang:display(cmp(P53, float(P53))),
    erlang:display(cmp(P53 + 1, float(P53))),
    erlang:display(cmp(float(P53), P53 + 1)),
    erlang:display(cmp(id(1 bsl 64), id(18446744073709551616.0))),
    erlang:display(cmp(id(1 bsl 64) + 1, id(18446744073709551616.0))),
    erlang:display(cmp(id(-(1 bsl 64)) - 1, id(-18446744073709551616.0))),
    erlang:display(cmp(id(1 bsl 1100), id(1.7976931348623157e308))),
    erlang:display(cmp(id(-(1 bsl 1100)), id(-1.7976931348623157e308))),
    erlang:display(cmp(id(576460752303423487), id(576460752303423488.0))),
    erlang:display(cmp(id(1.0e18), id(1000000000000000000))),
    erlang:display(cmp(id(1.5), id(a))),
    erlang:display(cmp(id(1.5), id([]))),
    erlang:display(lists:sort([3, 2.0, 1, 1.0, -0.5, 1 bsl 70, 1.0e21, -1.0e30, a, 0, -0.0, 0.0])),
    erlang:display(lists:usort([1, 1.0, 2, 2.0, 1])),
    erlang:display({max(1, 1.0), max(1.0, 1), min(1, 1.0), min(1.0, 1), max(2, 1.5), min(-0.0, 0)}),
    erlang:display([X || X <- [1, 1.0, 2.5, 3, 3.0], X == 3]),
    erlang:display([X || X <- [1, 1.0, 2.5, 3, 3.0], X =:= 3]),
    erlang:display(case id(2.0) of 2 -> int; 2.0 -> float end),
    erlang:display(lists:member(1.0, [1, 2])),
    erlang:display(lists:keyfind(1.0, 1, [{1, int}, {1.0, float}])),
    erlang:display(lists:keyfind(1, 1, [{1.0, float}, {1, int}])),
    ok.
