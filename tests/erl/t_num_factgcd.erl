%% Big integer workloads: factorials up to 1000!, binomials, gcd/lcm with
%% the Euclidean algorithm, integer square roots, digit sums, Catalan
%% numbers, and the results' printed forms.
-module(t_num_factgcd).
-export([main/0]).

id(X) -> X.

fact(N) -> fact(N, 1).
fact(0, A) -> A;
fact(N, A) -> fact(N - 1, A * N).

gcd(A, 0) -> abs(A);
gcd(A, B) -> gcd(B, A rem B).

lcm(A, B) -> abs(A * B) div gcd(A, B).

binom(N, K) -> fact(N) div (fact(K) * fact(N - K)).

isqrt(0) -> 0;
isqrt(N) -> isqrt(N, N).
isqrt(N, X) ->
    Y = (X + N div X) div 2,
    if Y >= X -> X; true -> isqrt(N, Y) end.

digit_sum(N) -> lists:sum([C - $0 || C <- integer_to_list(N)]).

main() ->
    F1000 = fact(id(1000)),
    io:format("~p ~p ~p~n", [length(integer_to_list(F1000)), digit_sum(F1000), F1000 rem 1000000007]),
    %% trailing zeros of 1000! = 249
    io:format("~p~n", [tz(F1000, 0)]),
    io:format("~p~n", [fact(id(30))]),
    io:format("~p~n", [[binom(id(N), N div 2) || N <- [10, 20, 50, 100]]]),
    io:format("~p~n", [[binom(100, K) =:= binom(100, 100 - K) || K <- [0, 1, 13, 50]]]),
    %% Pascal row sum
    io:format("~p~n", [lists:sum([binom(64, K) || K <- lists:seq(0, 64)]) =:= 1 bsl 64]),
    %% gcd / lcm on big numbers
    A = id(fact(50)),
    B = id(fact(30) * 7919),
    io:format("~p ~p~n", [gcd(A, B), gcd(A, B) =:= fact(30)]),
    io:format("~p~n", [[gcd(id(X), id(Y)) || {X, Y} <- [{0, 0}, {0, 5}, {-12, 18}, {12, -18}, {1 bsl 100, 1 bsl 60},
                                                         {(1 bsl 89) - 1, (1 bsl 61) - 1}, {6 bsl 70, 9 bsl 65}]]]),
    io:format("~p~n", [lists:foldl(fun lcm/2, 1, lists:seq(1, 50))]),
    %% integer square roots
    io:format("~p~n", [[isqrt(id(X)) || X <- [1, 2, 99, 100, 1 bsl 60, (1 bsl 120) - 1, F1000 div fact(900)]]]),
    Sq = isqrt(F1000),
    io:format("~p~n", [Sq * Sq =< F1000 andalso (Sq + 1) * (Sq + 1) > F1000]),
    %% Catalan numbers
    io:format("~p~n", [[binom(2 * N, N) div (N + 1) || N <- [0, 1, 5, 10, 30, 60]]]),
    %% Fibonacci by fast doubling vs iteration
    io:format("~p~n", [fibd(id(1000)) =:= fibi(1000, 0, 1)]),
    io:format("~p~n", [fibd(id(300))]),
    %% products and quotients of big numbers
    P = fact(200) * fact(150),
    io:format("~p~n", [{P div fact(200) =:= fact(150), P rem fact(199), (P - 1) rem fact(150) =:= fact(150) - 1}]),
    %% mixed sign arithmetic
    io:format("~p~n", [{-F1000 div fact(998), -F1000 rem 1001, (F1000 - F1000 - 1), abs(-F1000) =:= F1000}]),
    ok.

tz(N, C) when N rem 10 =:= 0 -> tz(N div 10, C + 1);
tz(_, C) -> C.

fibi(0, A, _) -> A;
fibi(N, A, B) -> fibi(N - 1, B, A + B).

fibd(N) -> element(1, fd(N)).
fd(0) -> {0, 1};
fd(N) ->
    {A, B} = fd(N div 2),
    C = A * (2 * B - A),
    D = A * A + B * B,
    case N rem 2 of 0 -> {C, D}; 1 -> {D, C + D} end.
