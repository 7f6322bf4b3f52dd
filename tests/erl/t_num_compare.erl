%% Number comparison: == vs =:= between integers and floats, bignums vs
%% floats at and beyond 2^53, ordering of mixed lists, min/max with mixed
%% types, and number keys in lists:keyfind/usort.
-module(t_num_compare).
-export([main/0]).

id(X) -> X.

main() ->
    Pairs = [{1, 1.0}, {0, 0.0}, {0, -0.0}, {-1, -1.0}, {1 bsl 53, 9007199254740992.0},
             {(1 bsl 53) + 1, 9007199254740992.0}, {1 bsl 60, 1152921504606846976.0},
             {(1 bsl 60) + 1, 1152921504606846976.0}, {1 bsl 64, 18446744073709551616.0},
             {(1 bsl 64) - 1, 18446744073709551616.0}, {1 bsl 1023, 8.98846567431158e307},
             {1 bsl 1024, 1.7976931348623157e308}, {-(1 bsl 1030), -1.7976931348623157e308},
             {3, 2.9999999999999996}, {3, 3.0000000000000004}, {123456789, 123456789.0}],
    io:format("~p~n", [[{id(A) == id(B), id(A) =:= id(B), id(A) < id(B), id(A) > id(B), id(A) =< id(B)}
                        || {A, B} <- Pairs]]),
    %% compare uses exact values, not conversion to float
    io:format("~p~n", [[{X, float(X) == X} || X <- [(1 bsl 53) + 1, (1 bsl 54) + 2, (1 bsl 70) + 1, 1 bsl 70]]]),
    %% sorting mixed numbers: equal-valued int/float keep their relative order (stable)
    L = [3, 2.0, 1, 2, 1.0, -0.0, 0, 1 bsl 64, 1.8446744073709552e19, -5, -5.5, 1 bsl 100, 1.0e30],
    io:format("~p~n", [lists:sort([id(X) || X <- L])]),
    io:format("~p~n", [lists:sort(fun(A, B) -> A >= B end, L)]),
    io:format("~p~n", [lists:usort(L)]),
    io:format("~p~n", [{lists:max(L), lists:min(L), max(1, 1.0), max(1.0, 1), min(1, 1.0), min(1.0, 1)}]),
    %% numbers are less than everything else
    io:format("~p~n", [lists:sort([a, 1 bsl 200, {}, 1.0e308, [], -1 bsl 200, <<>>])]),
    %% keyfind uses ==, keymember too; lists:member uses =:=
    KL = [{1, int}, {2.0, flt}],
    io:format("~p~n", [{lists:keyfind(1.0, 1, KL), lists:keyfind(2, 1, KL), lists:member(1.0, [1]), lists:member(1, [1])}]),
    %% case/pattern matching uses =:= semantics
    io:format("~p~n", [[case id(X) of 1 -> int_one; 1.0 -> float_one; _ -> other end || X <- [1, 1.0, 1 bsl 64]]]),
    %% guards with mixed comparisons
    io:format("~p~n", [[cls(id(X)) || X <- [0, 0.0, -0.0, 0.5, 1, 1.0, 1 bsl 80, -1.0e-300]]]),
    %% inequality of nearby floats and large integers
    Big = id(1 bsl 80),
    io:format("~p~n", [{Big == float(Big), Big + 1 == float(Big), Big + 1 > float(Big), Big - 1 < float(Big)}]),
    %% comparisons involving tuples / lists of numbers compare element-wise with ==
    io:format("~p~n", [{{1, 2} == {1.0, 2}, {1, 2} =:= {1.0, 2}, [1] < [1.0], [1.0] < [1], {1} < {1.0}, {1.0} < {1}}]),
    ok.

cls(X) when X == 0 -> zero;
cls(X) when X > 0, X < 1 -> fraction;
cls(X) when X =:= 1 -> int_one;
cls(X) when X == 1 -> float_one;
cls(X) when X > 1 -> big;
cls(_) -> negative.
