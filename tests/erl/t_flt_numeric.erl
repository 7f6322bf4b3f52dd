%% Numerical float workloads: Newton's method, Kahan vs naive summation,
%% series for pi and e, Simpson integration, Horner polynomials, a small
%% linear system, and identities of math functions; results printed with
%% the shortest representation so any 1-ulp difference shows.
-module(t_flt_numeric).
-export([main/0]).

id(X) -> X.

newton_sqrt(A) -> newton_sqrt(A, A / 2, 0).
newton_sqrt(_, X, 60) -> X;
newton_sqrt(A, X, N) ->
    X2 = (X + A / X) / 2,
    if X2 == X -> {X2, N}; true -> newton_sqrt(A, X2, N + 1) end.

kahan(L) -> kahan(L, 0.0, 0.0).
kahan([], S, _) -> S;
kahan([X | T], S, C) ->
    Y = X - C,
    T2 = S + Y,
    kahan(T, T2, (T2 - S) - Y).

simpson(F, A, B, N) ->
    H = (B - A) / N,
    S = F(A) + F(B) + lists:sum([case I rem 2 of 1 -> 4 * F(A + I * H); 0 -> 2 * F(A + I * H) end || I <- lists:seq(1, N - 1)]),
    S * H / 3.

horner(Cs, X) -> lists:foldl(fun(C, Acc) -> Acc * X + C end, 0.0, Cs).

main() ->
    io:format("~p~n", [[newton_sqrt(id(X)) || X <- [2.0, 10.0, 1.0e-10, 12345.678, 1.0e300]]]),
    Small = [1.0e-10 || _ <- lists:seq(1, 10000)],
    L = [id(1.0e10) | Small] ++ [id(-1.0e10)],
    io:format("~p ~p~n", [lists:sum(L), kahan(L)]),
    io:format("~p~n", [lists:foldl(fun(X, A) -> A + X end, 0.0, [1 / K || K <- lists:seq(1, 1000)])]),
    %% Leibniz and Nilakantha for pi, series for e
    io:format("~p~n", [4 * lists:sum([math:pow(-1, K) / (2 * K + 1) || K <- lists:seq(0, 9999)])]),
    io:format("~p~n", [3 + lists:sum([math:pow(-1, K + 1) * 4 / ((2 * K) * (2 * K + 1) * (2 * K + 2)) || K <- lists:seq(1, 200)])]),
    io:format("~p~n", [lists:sum([1 / fact(K) || K <- lists:seq(0, 20)])]),
    %% integrals
    io:format("~p~n", [[simpson(F, A, B, 100) || {F, A, B} <- [{fun math:sin/1, 0.0, math:pi()},
                                                               {fun(X) -> X * X end, 0.0, 3.0},
                                                               {fun(X) -> math:exp(-X * X) end, -3.0, 3.0},
                                                               {fun(X) -> 1 / X end, 1.0, math:exp(1)}]]]),
    %% polynomials
    io:format("~p~n", [[horner([1.0, -6.0, 11.0, -6.0], X) || X <- [id(1.0), 2.0, 3.0, 0.5, 1.0e5]]]),
    %% 3x3 Gaussian elimination
    io:format("~p~n", [solve([[2.0, 1.0, -1.0, 8.0], [-3.0, -1.0, 2.0, -11.0], [-2.0, 1.0, 2.0, -3.0]])]),
    %% identities that hold only approximately: print the residuals
    Xs = [id(0.1), 0.7, 1.3, 2.9, 10.5],
    io:format("~p~n", [[math:sin(X) * math:sin(X) + math:cos(X) * math:cos(X) - 1 || X <- Xs]]),
    io:format("~p~n", [[math:exp(math:log(X)) - X || X <- Xs]]),
    io:format("~p~n", [[math:atan2(math:sin(X), math:cos(X)) - X || X <- Xs]]),
    io:format("~p~n", [[math:cosh(X) * math:cosh(X) - math:sinh(X) * math:sinh(X) || X <- Xs]]),
    %% rounding of accumulated values
    Acc = lists:foldl(fun(_, A) -> A + 0.1 end, 0.0, lists:seq(1, 10)),
    io:format("~p ~p ~p ~p~n", [Acc, Acc == 1.0, round(Acc * 1.0e15), float_to_list(Acc, [{decimals, 20}])]),
    ok.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

solve(M) ->
    Tri = elim(M),
    back(lists:reverse(Tri), []).

elim([]) -> [];
elim([P | Rest]) ->
    [H | _] = P,
    Rows = [sub(R, P, hd(R) / H) || R <- Rest],
    [P | elim([tl(R) || R <- Rows])].

sub(R, P, F) -> [A - F * B || {A, B} <- lists:zip(R, P)].

back([], Acc) -> Acc;
back([Row | Rest], Acc) ->
    [C | T] = Row,
    {Coefs, [Rhs]} = lists:split(length(T) - 1, T),
    V = (Rhs - lists:sum([Co * X || {Co, X} <- lists:zip(Coefs, Acc)])) / C,
    back(Rest, [V | Acc]).
