%% div and rem sign rules on small and big operands (truncating), the
%% identity A =:= B * (A div B) + A rem B, floored variants built from
%% them, division by zero, and the most negative small integer.
-module(t_num_divrem).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

floor_div(A, B) ->
    Q = A div B,
    case (A rem B =/= 0) andalso ((A < 0) xor (B < 0)) of
        true -> Q - 1;
        false -> Q
    end.

mod(A, B) -> A - B * floor_div(A, B).

main() ->
    Vals = [7, -7, 1, -1, 3, -3, 1 bsl 59, -(1 bsl 59), (1 bsl 59) - 1, -(1 bsl 59) - 1,
            1 bsl 60, -(1 bsl 60), (1 bsl 64) + 1, -(1 bsl 64) - 1, 10 bsl 100, -(3 bsl 130) + 17,
            123456789012345678901234567890, -98765432109876543210],
    Table = [{A, B, id(A) div id(B), id(A) rem id(B)} || A <- Vals, B <- Vals],
    io:format("~p ~p~n", [length(Table), erlang:phash2(Table)]),
    io:format("~p~n", [lists:all(fun({A, B, Q, R}) ->
                                         A =:= B * Q + R andalso abs(R) < abs(B)
                                             andalso (R =:= 0 orelse (R < 0) =:= (A < 0))
                                 end, Table)]),
    io:format("~p~n", [[{A, B, Q, R} || {A, B, Q, R} <- Table, abs(A) < 100, abs(B) < 100]]),
    %% floored division and modulo
    io:format("~p~n", [[{A, B, floor_div(A, B), mod(A, B)} || A <- [7, -7, 1 bsl 70, -(1 bsl 70)],
                                                             B <- [3, -3, 1 bsl 65, -(1 bsl 65)]]]),
    %% the boundary of small integers on 64-bit BEAM
    MinSmall = id(-(1 bsl 59)),
    io:format("~p~n", [{MinSmall div -1, MinSmall rem -1, (MinSmall - 1) div -1, -MinSmall, abs(MinSmall)}]),
    %% division by zero
    io:format("~p~n", [[e(fun() -> id(A) div id(B) end) || {A, B} <- [{1, 0}, {1 bsl 70, 0}, {0, 0}]]]),
    io:format("~p~n", [[e(fun() -> id(A) rem id(B) end) || {A, B} <- [{1, 0}, {-(1 bsl 70), 0}]]]),
    %% non-integers
    io:format("~p~n", [[e(fun() -> id(A) div id(B) end) || {A, B} <- [{1.0, 1}, {6, 2.0}, {a, 1}]]]),
    io:format("~p~n", [[e(fun() -> id(A) rem id(B) end) || {A, B} <- [{5.0, 2}, {5, b}]]]),
    %% bignum / small giving results around the small boundary
    io:format("~p~n", [[X div 2 || X <- [id(1 bsl 60), id((1 bsl 61) - 2), id(-(1 bsl 60)), id(-(1 bsl 61))]]]),
    %% digit extraction via rem/div of a big number
    io:format("~p~n", [digits(id(1 bsl 200), [])]),
    %% modular exponentiation with big intermediate results
    io:format("~p~n", [[powmod(id(B), E, M) || {B, E, M} <- [{2, 1000, 1000000007}, {3, 12345, 1 bsl 61 - 1},
                                                            {123456789, 987654321, 998244353},
                                                            {7, 1 bsl 70, 13}]]]),
    ok.

digits(0, Acc) -> Acc;
digits(N, Acc) -> digits(N div 10, [N rem 10 | Acc]).

powmod(_, 0, _) -> 1;
powmod(B, E, M) when E rem 2 =:= 0 -> H = powmod(B, E div 2, M), H * H rem M;
powmod(B, E, M) -> B * powmod(B, E - 1, M) rem M.
