%% Arithmetic crossing the small-integer / bignum boundary (2^59 on 64-bit
%% BEAM) in +, -, *, unary minus, abs, and back down; results are checked
%% against identities and printed. Exercises the inline fast paths and
%% their overflow fallbacks.
-module(t_num_smallbig).
-export([main/0]).

id(X) -> X.

main() ->
    Max = id((1 bsl 59) - 1),
    Min = id(-(1 bsl 59)),
    io:format("~p~n", [[Max + 1, Max + Max, Min - 1, Min + Min, Max - Min, Min - Max, -Min, abs(Min), -Max - 2]]),
    io:format("~p~n", [[(Max + 1) - 1, (Min - 1) + 1, (Max + 1) - (Max + 1), -(-Min)]]),
    io:format("~p~n", [[is_integer(X) andalso X =:= Y || {X, Y} <- [{(Max + 1) - 1, Max}, {(Min - 1) + 1, Min}]]]),
    %% multiplication overflow at many bit widths
    Ws = [{A, B} || A <- [1 bsl 29, (1 bsl 30) - 1, 1 bsl 30, (1 bsl 31) + 1, 3037000499, 3037000500, 1 bsl 58, -(1 bsl 29), -(1 bsl 30) - 7],
                    B <- [1 bsl 29, (1 bsl 30) + 1, 1 bsl 31, 2, -2, -1, 3037000500]],
    Prods = [id(A) * id(B) || {A, B} <- Ws],
    io:format("~p~n", [erlang:phash2(Prods)]),
    io:format("~p~n", [lists:all(fun({{A, B}, P}) -> P div B =:= A andalso P rem B =:= 0 end, lists:zip(Ws, Prods))]),
    io:format("~p~n", [lists:sublist(Prods, 12)]),
    %% sums that leave and re-enter the small range
    Seq = [Max, 1, 1, -1, -1, Min, Min, -Min, -Min, 12345],
    io:format("~p~n", [lists:foldl(fun(X, {Acc, Trace}) -> {Acc + X, [Acc + X | Trace]} end, {0, []}, [id(X) || X <- Seq])]),
    %% squaring around the boundary
    io:format("~p~n", [[{X, X * X, (X * X) div X} || X <- [id(759250124), id(759250125), id(1073741824), id(-1073741825)]]]),
    %% accumulating a product then dividing back down
    P = lists:foldl(fun(X, A) -> A * X end, 1, lists:seq(1, 25)),
    io:format("~p ~p~n", [P, lists:foldl(fun(X, A) -> A div X end, P, lists:seq(1, 25))]),
    %% mixing with floats at the boundary
    io:format("~p~n", [[Max + 0.0, Min * 1.0, (Max + 1) / 2, Min / -1]]),
    %% increment loop crossing the boundary
    io:format("~p~n", [count_up(Max - 3, 6, [])]),
    io:format("~p~n", [count_down(Min + 3, 6, [])]),
    %% guard tests on the boundary values
    io:format("~p~n", [[cls(id(X)) || X <- [Max, Max + 1, Min, Min - 1, 0]]]),
    ok.

count_up(_, 0, Acc) -> lists:reverse(Acc);
count_up(X, N, Acc) -> count_up(X + 1, N - 1, [X | Acc]).

count_down(_, 0, Acc) -> lists:reverse(Acc);
count_down(X, N, Acc) -> count_down(X - 1, N - 1, [X | Acc]).

cls(X) when X > 576460752303423487 -> big_pos;
cls(X) when X < -576460752303423488 -> big_neg;
cls(X) when X >= 576460752303423487 -> max_small;
cls(X) when X =< -576460752303423488 -> min_small;
cls(_) -> small.
