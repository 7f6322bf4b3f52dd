%% Digits of pi and e using only integer (bignum) arithmetic: Machin's
%% formula with fixed-point arctan, and the series for e.
-module(t_pi_digits).
-export([main/0]).

main() ->
    Digits = 300,
    Pi = pi(Digits),
    erlang:display(Pi),
    S = integer_to_list(Pi),
    erlang:display({length(S), lists:sublist(S, 20)}),
    erlang:display(e(200)),
    erlang:display(isqrt(2 * pow10(200))),
    ok.

pow10(N) -> pow10(N, 1).
pow10(0, Acc) -> Acc;
pow10(N, Acc) -> pow10(N - 1, Acc * 10).

%% pi * 10^Digits, truncated (10 guard digits)
pi(Digits) ->
    Unity = pow10(Digits + 10),
    Pi = 4 * (4 * arctan_inv(5, Unity) - arctan_inv(239, Unity)),
    Pi div pow10(10).

%% arctan(1/X) * Unity
arctan_inv(X, Unity) ->
    X2 = X * X,
    arctan_sum(Unity div X, X2, 1, 1, 0).

arctan_sum(0, _, _, _, Acc) -> Acc;
arctan_sum(Term, X2, N, Sign, Acc) ->
    arctan_sum(Term div X2, X2, N + 2, -Sign, Acc + Sign * (Term div N)).

e(Digits) ->
    Unity = pow10(Digits + 10),
    e_sum(Unity, 1, Unity) div pow10(10).

e_sum(0, _, Acc) -> Acc;
e_sum(Term, K, Acc) ->
    T = Term div K,
    e_sum(T, K + 1, Acc + T).

%% integer square root by Newton's method
isqrt(N) -> isqrt(N, N).
isqrt(N, X) ->
    Y = (X + N div X) div 2,
    if Y >= X -> X;
       true -> isqrt(N, Y)
    end.
