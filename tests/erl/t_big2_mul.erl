%% Bignum *: by a word, schoolbook sizes (1..40 limbs), large products
%% (Karatsuba/Toom sizes), both signs, 60/64/128-bit boundaries, results
%% that are smalls, and the size limit.
-module(t_big2_mul).
-export([main/0, id/1]).

id(X) -> X.

vals() ->
    [id(V) || V <- [0, 1, -1, 3, -3, (1 bsl 59) - 1, -(1 bsl 59), 1 bsl 59,
                    (1 bsl 60) - 1, 1 bsl 60, (1 bsl 63) - 1, -(1 bsl 63),
                    (1 bsl 64) - 1, 1 bsl 64, -(1 bsl 64) + 1,
                    (1 bsl 127) + 12345, (1 bsl 128) - 1, -(1 bsl 128),
                    123456789012345678901234567890123456789,
                    -98765432109876543210987654321098765432109876543210]].

%% A pseudo-random number of N limbs (deterministic).
rnd(0, _S, Acc) -> Acc;
rnd(N, S, Acc) ->
    S1 = (S * 6364136223846793005 + 1442695040888963407) band 16#FFFFFFFFFFFFFFFF,
    rnd(N - 1, S1, (Acc bsl 64) bor S1).
rnd(N, S) -> rnd(N, S, 1).

fact(N) -> fact(N, 1).
fact(0, A) -> A;
fact(N, A) -> fact(N - 1, A * N).

%% digit sum in base 10^9, a checksum that exercises div/rem too
sum(0, A) -> A;
sum(N, A) -> sum(N div 1000000000, A + N rem 1000000000).

%% The error reason only: a stack trace would hold the huge arguments.
err(F) ->
    try F() catch error:R -> {error, R} end.

main() ->
    Vs = vals(),
    lists:foreach(fun(A) -> erlang:display([A * B || B <- Vs]) end, Vs),
    %% every size pair up to 40 limbs, both signs
    lists:foreach(
      fun(N) ->
              A = rnd(N, N),
              R = [begin B = rnd(M, 1000 + M),
                         P = A * B, Q = -A * B,
                         {sum(P, 0), P =:= -Q, P div B =:= A, P rem A}
                   end || M <- [1, 2, 3, 5, 8, 16, 31, 32, 33, 40]],
              erlang:display({N, R})
      end, [1, 2, 3, 4, 7, 16, 32, 33, 40]),
    %% large products (subquadratic path)
    X = rnd(300, 7), Y = rnd(500, 9),
    XY = X * Y,
    erlang:display({sum(XY, 0), XY rem 1000000007, (-X) * Y =:= -XY,
                    XY div X =:= Y, XY rem Y}),
    F = fact(id(3000)),
    F2 = F * F,
    erlang:display({sum(F2, 0), length(integer_to_list(F2)), F2 div F =:= F}),
    %% squares at word boundaries
    erlang:display([(id(1 bsl K) - 1) * (id(1 bsl K) - 1) || K <- [30, 32, 59, 60, 63, 64, 65, 128]]),
    erlang:display([id(-(1 bsl K)) * id(1 bsl K) || K <- [29, 30, 31, 32, 63, 64]]),
    %% mixed with floats, errors, limit
    erlang:display({id(1 bsl 70) * 2.0, id(-(1 bsl 70)) * 0.5}),
    erlang:display(catch (id(1 bsl 70) * id(foo))),
    Big = id(1 bsl 33554000),
    erlang:display(err(fun() -> Big * id(1 bsl 1000) end)),
    erlang:display(err(fun() -> id(1 bsl 1000) * Big end)),
    erlang:display(err(fun() -> Big * id(1 bsl 400) =:= Big bsl 400 end)),
    ok.
