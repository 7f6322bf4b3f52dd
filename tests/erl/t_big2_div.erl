%% Bignum div and rem: one-limb divisors of every bit length (the
%% reciprocal path normalises by each shift), divisors larger than the
%% dividend, multi-limb divisors, all sign combinations, quotients and
%% remainders that fit smalls, MIN_SMALL edge cases, badarith.
-module(t_big2_div).
-export([main/0, id/1]).

id(X) -> X.

rnd(0, _S, Acc) -> Acc;
rnd(N, S, Acc) ->
    S1 = (S * 6364136223846793005 + 1442695040888963407) band 16#FFFFFFFFFFFFFFFF,
    rnd(N - 1, S1, (Acc bsl 64) bor S1).
rnd(N, S) -> rnd(N, S, 1).

dividends() ->
    [id(V) || V <- [1 bsl 59, -(1 bsl 59) - 1, (1 bsl 64) - 1, 1 bsl 64,
                    -(1 bsl 64), (1 bsl 128) - 1, -(1 bsl 128) + 1,
                    16#FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000000000000000000000000000,
                    rnd(3, 5), -rnd(7, 6), rnd(20, 7)]].

divisors() ->
    Word = lists:append([[(1 bsl K) - 1, 1 bsl K, (1 bsl K) + 1]
                         || K <- [1, 2, 3, 7, 31, 32, 33, 58, 59, 60, 62, 63]]),
    Others = [3, 7, 10, 1000000007, 1000000000000, 10000000000000000000,
              (1 bsl 64) - 1, (1 bsl 64) - 59, 1 bsl 64, (1 bsl 64) + 1,
              (1 bsl 128) - 1, rnd(1, 9), rnd(2, 10), rnd(5, 11)],
    Ds = Word ++ Others,
    [id(D) || D <- Ds ++ [-D || D <- Ds]].

main() ->
    Ds = divisors(),
    lists:foreach(
      fun(A) ->
              erlang:display([{A div D, A rem D} || D <- Ds])
      end, dividends()),
    %% identities on larger operands
    lists:foreach(
      fun({N, M}) ->
              A = rnd(N, N * 31 + M), B = rnd(M, M * 17 + N),
              Q = A div B, R = A rem B,
              erlang:display({N, M, Q * B + R =:= A, abs(R) < abs(B),
                              (-A) div B =:= -Q, (-A) rem B =:= -R,
                              A div (-B) =:= -Q, A rem (-B) =:= R,
                              R rem 1000000007})
      end, [{5, 1}, {5, 2}, {5, 5}, {5, 6}, {30, 7}, {100, 40}, {300, 299}]),
    %% small dividend, bignum divisor (including MIN_SMALL / 2^59)
    Min = id(-(1 bsl 59)),
    erlang:display({Min div id(1 bsl 59), Min rem id(1 bsl 59),
                    Min div id(-(1 bsl 59) - 1), Min rem id((1 bsl 64)),
                    id(5) div id(1 bsl 70), id(-5) rem id(1 bsl 70)}),
    %% quotient MIN_SMALL exactly and just beyond
    erlang:display({id(1 bsl 64) div id(-(1 bsl 5)), id((1 bsl 64) + 32) div id(-(1 bsl 5)),
                    id(-(1 bsl 64)) div id(1 bsl 5)}),
    %% long division by words: digit sum of 2^5000
    P = id(1 bsl 5000),
    erlang:display(digits(P, 0)),
    erlang:display(catch (id(1 bsl 70) div id(0))),
    erlang:display(catch (id(1 bsl 70) rem id(0))),
    erlang:display(catch (id(1 bsl 70) div id(1.0))),
    ok.

digits(0, A) -> A;
digits(N, A) -> digits(N div 10, A + N rem 10).
