%% Small-integer arithmetic: + - * div rem, unary minus, abs, bit ops,
%% overflow from small into big and back, gc_bif1/gc_bif2 paths.
-module(t_arith).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    A = id(17), B = id(5), N = id(-17), Z = id(0),
    erlang:display({A + B, A - B, A * B, A div B, A rem B}),
    erlang:display({N div B, N rem B, A div -B, A rem -B, N div -B, N rem -B}),
    erlang:display({-A, -N, abs(N), abs(A), - Z, abs(Z)}),
    erlang:display({A band B, A bor B, A bxor B, bnot A, bnot N}),
    erlang:display({A bsl 3, A bsr 2, N bsl 4, N bsr 2, N bsr 100, A bsr 100}),
    erlang:display({A bsl -2, A bsr -3}),
    %% Boundaries around 2^27, 2^31, 2^59/2^60 (typical small-int limits)
    Bounds = [id(1) bsl K || K <- [27, 28, 31, 32, 59, 60, 61, 62, 63, 64]],
    erlang:display([{X - 1, X, X + 1, -X, -X - 1} || X <- Bounds]),
    erlang:display([X * X || X <- Bounds]),
    %% Products that overflow back to small after division
    Big = id(1 bsl 62) * id(4),
    erlang:display({Big, Big div 4, (Big div 4) div (1 bsl 62), Big - Big + 1}),
    %% Sum/product loops
    erlang:display(sum(1, 100000, 0)),
    erlang:display(prod(1, 25, 1)),
    erlang:display(collatz(id(27), 0)),
    erlang:display(gcd(id(1071), id(462))),
    erlang:display(powmod(id(3), id(200), id(1000007))),
    erlang:display([X rem 7 || X <- lists:seq(-10, 10)]),
    erlang:display([X div 3 || X <- lists:seq(-7, 7)]),
    erlang:display({id(7) * 0, id(-7) * 1, 0 - id(0)}),
    erlang:display({+A, +N}),
    ok.

sum(I, N, Acc) when I > N -> Acc;
sum(I, N, Acc) -> sum(I + 1, N, Acc + I).

prod(I, N, Acc) when I > N -> Acc;
prod(I, N, Acc) -> prod(I + 1, N, Acc * I).

collatz(1, Steps) -> Steps;
collatz(N, Steps) when N rem 2 =:= 0 -> collatz(N div 2, Steps + 1);
collatz(N, Steps) -> collatz(3 * N + 1, Steps + 1).

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

powmod(_, 0, _) -> 1;
powmod(B, E, M) when E rem 2 =:= 0 ->
    H = powmod(B, E div 2, M), (H * H) rem M;
powmod(B, E, M) -> (B * powmod(B, E - 1, M)) rem M.
