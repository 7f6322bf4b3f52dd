%% Bignum + and - over boundary values: smalls (60-bit), one limb (64),
%% two limbs (128), carries and borrows across limbs, both signs, results
%% that shrink back to smalls.
-module(t_big2_addsub).
-export([main/0, id/1]).

id(X) -> X.

vals() ->
    Base = [0, 1, -1, 7, -7, 1000000007,
            (1 bsl 59) - 1, -(1 bsl 59), 1 bsl 59, -(1 bsl 59) - 1],
    Pow = lists:append([[(1 bsl K) - 1, 1 bsl K, -(1 bsl K), -(1 bsl K) + 1]
                        || K <- [60, 63, 64, 65, 127, 128, 129, 192, 640]]),
    Odd = [123456789012345678901234567890123456789012345678901234567890,
           -99999999999999999999999999999,
           16#FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF,
           -16#FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF],
    [id(V) || V <- Base ++ Pow ++ Odd].

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

main() ->
    Vs = vals(),
    lists:foreach(fun(A) ->
                          erlang:display([{A + B, A - B} || B <- Vs])
                  end, Vs),
    %% carry out of every limb, borrow through every limb
    M = (1 bsl 640) - 1,
    erlang:display({M + id(1), (M + 1) - id(1), id(1) - (M + 1), -M - id(1)}),
    %% results that collapse to smalls and to MIN_SMALL exactly
    B60 = id(1 bsl 60),
    erlang:display({B60 - (B60 - 1), -(1 bsl 59) - id(0), (1 bsl 59) - id(1 bsl 60),
                    -(1 bsl 64) + ((1 bsl 64) - (1 bsl 59))}),
    %% big loop
    F = fib(id(20000)),
    erlang:display({F rem 1000000007, length(integer_to_list(F))}),
    erlang:display(F - fib(id(19999)) - fib(id(19998))),
    %% errors
    erlang:display(catch (id(1 bsl 100) + id(foo))),
    erlang:display(catch (id(bar) - id(1 bsl 100))),
    erlang:display({id(1 bsl 100) + 0.5, id(-(1 bsl 100)) - 1.0}),
    ok.
