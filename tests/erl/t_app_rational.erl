%% Exact arithmetic toolkit on bignums: a rational-number library
%% (normalised {Num, Den} with gcd), continued fractions, Bernoulli
%% numbers, harmonic numbers, integer square roots by Newton's method,
%% binomials/Catalan numbers, digits of e by a spigot, and two's
%% complement bit operations on negative bignums.
-module(t_app_rational).
-export([main/0]).

main() ->
    Q = fun(N, D) -> rat(N, D) end,
    io:format("1/3 + 1/6 = ~s~n", [show(add(Q(1, 3), Q(1, 6)))]),
    io:format("(2/3) * (9/4) = ~s~n", [show(mul(Q(2, 3), Q(9, 4)))]),
    io:format("-5/10 = ~s, 6/-4 = ~s~n", [show(Q(-5, 10)), show(Q(6, -4))]),
    io:format("(1/2)^100 = ~s~n", [show(pow(Q(1, 2), 100))]),
    H = lists:foldl(fun(K, A) -> add(A, Q(1, K)) end, Q(0, 1), lists:seq(1, 60)),
    io:format("H(60) = ~s~n      ~.15f~n", [show(H), to_float(H)]),
    io:format("bernoulli: ~s~n", [string:join([show(B) || B <- bernoulli(20)], ", ")]),
    io:format("B(30) = ~s~n", [show(lists:last(bernoulli(30)))]),
    Cf = cf(Q(415, 93)),
    io:format("cf(415/93) = ~w, back = ~s~n", [Cf, show(from_cf(Cf))]),
    SqrtCf = [1 | lists:duplicate(25, 2)],
    Approx = from_cf(SqrtCf),
    io:format("sqrt2 convergent ~s = ~.17f~n", [show(Approx), to_float(Approx)]),
    Big = pow_int(10, 60) * 2,
    R = isqrt(Big),
    io:format("isqrt(2e60) = ~b (check ~p)~n", [R, R * R =< Big andalso (R + 1) * (R + 1) > Big]),
    io:format("isqrt(2^255-19) = ~b~n", [isqrt((1 bsl 255) - 19)]),
    io:format("C(100,50) = ~b~n", [binom(100, 50)]),
    io:format("catalan 0..15 = ~w~n", [[binom(2 * N, N) div (N + 1) || N <- lists:seq(0, 15)]]),
    io:format("catalan(200) has ~b digits~n", [length(integer_to_list(binom(400, 200) div 201))]),
    E = e_digits(120),
    io:format("e = ~s.~s~n", [lists:sublist(E, 1), lists:nthtail(1, E)]),
    %% bit ops on negative bignums (two's complement semantics)
    A = -(1 bsl 100) + 12345,
    B = (1 bsl 90) - 1,
    io:format("band ~b~nbor  ~b~nbxor ~b~nbnot ~b~n", [A band B, A bor B, A bxor B, bnot A]),
    io:format("shifts ~b ~b ~b ~b~n", [A bsr 3, A bsr 200, A bsl 7, (-1) bsl 70]),
    io:format("neg band neg ~b, neg bor neg ~b~n", [A band (-(1 bsl 80) - 7), A bor (-(1 bsl 80) - 7)]),
    io:format("div/rem: ~p~n", [[{X div Y, X rem Y} || {X, Y} <- [{A, 7}, {A, -7}, {-A, 7}, {A, B}, {B, A}]]]),
    io:format("abs/sign: ~p~n", [[abs(A), -A, A * A div B]]),
    io:format("integer_to_list base 36: ~s, base 2 length ~b~n",
              [integer_to_list(A, 36), length(integer_to_list(B, 2))]),
    io:format("compare: ~p~n", [[A < B, A < 0, B > 1.0e20, A == float(A), 1 bsl 64 =:= 18446744073709551616]]),
    io:format("float conversion: ~p ~p~n", [float(B), catch float(1 bsl 1100)]),
    io:format("bad rational: ~p~n", [catch rat(1, 0)]),
    ok.

%% ---------------------------------------------------------------- rationals
rat(_, 0) -> error(zero_denominator);
rat(N, D) when D < 0 -> rat(-N, -D);
rat(N, D) -> G = gcd(abs(N), D), {N div G, D div G}.

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

add({A, B}, {C, D}) -> rat(A * D + C * B, B * D).
sub({A, B}, {C, D}) -> rat(A * D - C * B, B * D).
mul({A, B}, {C, D}) -> rat(A * C, B * D).
dvd({A, B}, {C, D}) -> rat(A * D, B * C).
pow(_, 0) -> {1, 1};
pow(X, N) -> mul(X, pow(X, N - 1)).

show({N, 1}) -> integer_to_list(N);
show({N, D}) -> integer_to_list(N) ++ "/" ++ integer_to_list(D).

to_float({N, D}) ->
    %% scale to keep precision for huge numerators/denominators
    Shift = max(0, max(bits(N), bits(D)) - 1000),
    (N bsr Shift) / (D bsr Shift).

bits(0) -> 0;
bits(N) when N < 0 -> bits(-N);
bits(N) -> 1 + bits(N bsr 1).

bernoulli(N) ->
    lists:reverse(lists:foldl(fun(M, Acc) ->
                                      Bs = lists:reverse(Acc),
                                      S = lists:foldl(fun({K, Bk}, S0) -> add(S0, mul(rat(binom(M + 1, K), 1), Bk)) end,
                                                      {0, 1}, lists:zip(lists:seq(0, M - 1), Bs)),
                                      [dvd(sub({0, 1}, S), rat(M + 1, 1)) | Acc]
                              end, [{1, 1}], lists:seq(1, N))).

cf({N, 1}) -> [N];
cf({N, D}) ->
    Q = floor_div(N, D),
    [Q | cf(rat(D, N - Q * D))].

floor_div(N, D) when N >= 0 -> N div D;
floor_div(N, D) -> -((-N + D - 1) div D).

from_cf([X]) -> {X, 1};
from_cf([X | Rest]) -> add({X, 1}, dvd({1, 1}, from_cf(Rest))).

%% ---------------------------------------------------------------- integers
pow_int(_, 0) -> 1;
pow_int(B, E) -> B * pow_int(B, E - 1).

isqrt(0) -> 0;
isqrt(N) -> newton(N, 1 bsl ((bits(N) + 1) div 2)).
newton(N, X) ->
    Y = (X + N div X) div 2,
    if Y >= X -> X; true -> newton(N, Y) end.

binom(N, K) -> binom(N, min(K, N - K), 1, 1).
binom(_, 0, Num, Den) -> Num div Den;
binom(N, K, Num, Den) -> binom(N - 1, K - 1, Num * N, Den * K).

%% spigot for e: e = 2 + 1/2! + 1/3! + ... using mixed-radix digits
e_digits(N) ->
    Len = N + 10,
    A = lists:duplicate(Len, 1),
    "2" ++ e_loop(N - 1, A, []).

e_loop(0, _, Acc) -> lists:reverse(Acc);
e_loop(K, A, Acc) ->
    {NewA, Carry} = lists:foldr(fun({I, Ai}, {As, C}) ->
                                        X = 10 * Ai + C,
                                        {[X rem (I + 1) | As], X div (I + 1)}
                                end, {[], 0}, lists:zip(lists:seq(1, length(A)), A)),
    e_loop(K - 1, NewA, [$0 + Carry | Acc]).
