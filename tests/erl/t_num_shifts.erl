%% bsl/bsr with small, large and negative shift amounts, on small
%% integers, bignums and negative numbers; the 60-bit small/bignum edge.
-module(t_num_shifts).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Vals = [0, 1, -1, 3, -3, 255, -256, (1 bsl 59) - 1, -(1 bsl 59), 1 bsl 59, 1 bsl 60,
            -(1 bsl 60), (1 bsl 64) + 12345, -(1 bsl 100) - 1, 16#123456789ABCDEF0123456789],
    Shifts = [0, 1, 3, 7, 31, 32, 33, 58, 59, 60, 61, 63, 64, 65, 100, 127, 128, 200, -1, -4, -63, -64, -65, -200],
    lists:foreach(
      fun(V0) ->
              V = id(V0),
              L = [V bsl id(S) || S <- Shifts],
              R = [V bsr id(S) || S <- Shifts],
              Ok = lists:all(fun({A, B}) -> A =:= B end,
                             lists:zip(L, [V bsr id(-S) || S <- Shifts])),
              io:format("~p ~p ~p~n", [V, Ok, erlang:phash2({L, R})]),
              io:format("  ~p~n", [[V bsr id(S) || S <- [1, 60, 64, 200]]])
      end, Vals),
    %% shifting right by huge amounts yields 0 or -1
    io:format("~p~n", [[X bsr id(1 bsl 40) || X <- [5, -5, 1 bsl 70, -(1 bsl 70), 0]]]),
    io:format("~p~n", [[X bsl id(-(1 bsl 40)) || X <- [5, -5, 1 bsl 70, -(1 bsl 70)]]]),
    io:format("~p~n", [[X bsr id(1 bsl 80) || X <- [7, -7]]]),
    %% zero shifted any amount stays zero, even by a bignum
    io:format("~p~n", [[0 bsl id(S) || S <- [1 bsl 40, 1 bsl 80, -(1 bsl 80)]]]),
    %% too large left shifts of non-zero values
    io:format("~p~n", [[e(fun() -> id(X) bsl id(S) end) || {X, S} <- [{1, 1 bsl 40}, {-1, 1 bsl 80}, {1 bsl 70, 1 bsl 33}]]]),
    %% non-integer operands
    io:format("~p~n", [[e(fun() -> id(X) bsl id(S) end) || {X, S} <- [{1.0, 1}, {1, 1.0}, {a, 1}, {1, "1"}]]]),
    io:format("~p~n", [[e(fun() -> id(X) bsr id(S) end) || {X, S} <- [{1.5, 1}, {1, b}]]]),
    %% powers of two by shifting, sums of bits
    P = [1 bsl id(N) || N <- lists:seq(0, 130, 13)],
    io:format("~p~n", [P]),
    io:format("~p~n", [lists:sum(P) bsr 13]),
    %% arithmetic shift of negatives rounds toward -infinity
    io:format("~p~n", [[{X, X bsr 1, X div 2} || X <- [-1, -2, -3, -7, -(1 bsl 61) - 1]]]),
    %% shifting a bignum down to a small and back
    B = id((1 bsl 200) + (1 bsl 100) + 1),
    io:format("~p~n", [{B bsr 150, B bsr 100, (B bsr 100) bsl 100, B - ((B bsr 100) bsl 100)}]),
    %% count bits of a big number by shifting
    io:format("~p~n", [bits(id(1 bsl 1000 - 1), 0)]),
    ok.

bits(0, N) -> N;
bits(X, N) -> bits(X bsr 1, N + (X band 1)).
