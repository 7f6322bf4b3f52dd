%% Bignum arithmetic: factorials, fibonacci, all operators on huge and
%% negative numbers, integer_to_list of bignums.
-module(t_bignum).
-export([main/0, id/1]).

id(X) -> X.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).

main() ->
    F100 = fact(id(100)),
    erlang:display(F100),
    erlang:display(integer_to_list(F100)),
    erlang:display(length(integer_to_list(F100))),
    erlang:display(fib(id(300))),
    X = pow(id(7), 90),
    Y = pow(id(3), 120) + 12345,
    NX = -X, NY = -Y,
    erlang:display({X + Y, X - Y, Y - X, NX + NY, NX - NY}),
    erlang:display(X * Y),
    erlang:display(NX * Y),
    erlang:display({X div Y, X rem Y, Y div X, Y rem X}),
    erlang:display({X div id(1000000007), X rem id(1000000007)}),
    erlang:display({NX div id(1000000007), NX rem id(1000000007)}),
    erlang:display({NX div Y, NX rem Y, X div NY, X rem NY, NX div NY, NX rem NY}),
    erlang:display({X band Y, X bor Y, X bxor Y}),
    erlang:display({NX band Y, NX bor Y, NX bxor Y}),
    erlang:display({NX band NY, NX bor NY, NX bxor NY}),
    erlang:display({X band id(16#FFFF), NX band id(16#FFFF), NX bor id(255)}),
    erlang:display({bnot X, bnot NX}),
    erlang:display({X bsl 100, X bsr 100, NX bsr 100, NX bsl 33, X bsr 1000, NX bsr 1000}),
    erlang:display({id(1) bsl 200, id(-1) bsl 200, (id(1) bsl 200) bsr 199}),
    erlang:display({-X, abs(NX), abs(X)}),
    %% results that shrink back to small integers
    erlang:display({X - X, (X + 5) - X, (X * 3) div X, X div X, NX div X}),
    erlang:display(fact(id(30)) div fact(id(28))),
    %% conversions
    erlang:display(list_to_integer("-123456789012345678901234567890123456789")),
    erlang:display(list_to_integer("+99999999999999999999999999") + 1),
    erlang:display(integer_to_list(NX)),
    %% mixed mult chains
    erlang:display(lists:foldl(fun(I, Acc) -> Acc * I - I end, 1, lists:seq(1, 40))),
    erlang:display(lists:sum([pow(2, I) || I <- lists:seq(0, 127)]) =:= pow(2, 128) - 1),
    erlang:display(sumdigits(fact(id(500)), 0)),
    ok.

sumdigits(0, Acc) -> Acc;
sumdigits(N, Acc) -> sumdigits(N div 10, Acc + N rem 10).
