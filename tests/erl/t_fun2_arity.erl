%% Funs and functions with many arguments and many free variables:
%% closures over 40 values, calls with 20+ arguments through call_fun,
%% apply/2,3 with long argument lists, and is_function/2 on them.
-module(t_fun2_arity).
-export([main/0, id/1, wide/24]).

id(X) -> X.

wide(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16,
     A17, A18, A19, A20, A21, A22, A23, A24) ->
    [A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16,
     A17, A18, A19, A20, A21, A22, A23, A24].

free40() ->
    [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17, V18, V19, V20,
     V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31, V32, V33, V34, V35, V36, V37, V38,
     V39, V40] = [id(I * I) || I <- lists:seq(1, 40)],
    fun(X) ->
            X + V1 + V2 + V3 + V4 + V5 + V6 + V7 + V8 + V9 + V10 + V11 + V12 + V13 + V14 + V15
                + V16 + V17 + V18 + V19 + V20 + V21 + V22 + V23 + V24 + V25 + V26 + V27 + V28
                + V29 + V30 + V31 + V32 + V33 + V34 + V35 + V36 + V37 + V38 + V39 + V40
    end.

main() ->
    F20 = fun(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16, A17, A18, A19, A20) ->
                  {A1 + A20, A2 * A19, [A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16, A17, A18]}
          end,
    io:format("~p~n", [F20(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)]),
    io:format("~p~n", [apply(F20, lists:seq(101, 120))]),
    io:format("~p~n", [erlang:fun_info(F20, arity)]),
    io:format("~p~n", [{is_function(F20, 20), is_function(F20, 19)}]),
    io:format("~p~n", [apply(?MODULE, wide, lists:seq(1, 24))]),
    W = fun ?MODULE:wide/24,
    io:format("~p~n", [lists:sum(apply(W, [id(I) || I <- lists:seq(1, 24)]))]),
    G = free40(),
    io:format("~p~n", [G(0)]),
    io:format("~p~n", [length(element(2, erlang:fun_info(G, env)))]),
    %% a closure with many free vars AND many args
    K1 = id(1000), K2 = id(2000), K3 = id(3000), K4 = id(a), K5 = id("s"),
    H = fun(B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11, B12) ->
                {K1 + B1 + B12, K2 + B2, K3 + B3, K4, K5, [B4, B5, B6, B7, B8, B9, B10, B11]}
        end,
    io:format("~p~n", [H(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)]),
    io:format("~p~n", [[H(I, I, I, I, I, I, I, I, I, I, I, I) || I <- [0, 1]]]),
    %% badarity with long arg lists
    R = try apply(F20, lists:seq(1, 19)) catch error:{badarity, {_, As}} -> {badarity, length(As)} end,
    io:format("~p~n", [R]),
    R2 = try apply(?MODULE, wide, lists:seq(1, 23)) catch error:undef -> undef end,
    io:format("~p~n", [R2]),
    %% tail calls with many args
    io:format("~p~n", [loop(100000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)]),
    ok.

loop(0, A, B, C, D, E, F, G, H, I, J) -> [A, B, C, D, E, F, G, H, I, J];
loop(N, A, B, C, D, E, F, G, H, I, J) -> loop(N - 1, B, C, D, E, F, G, H, I, J, A + 1).
