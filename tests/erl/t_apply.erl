%% Dynamic calls: apply/2,3, M:F(Args) with variable module/function,
%% tail-position applies (apply_last), and calls of exported functions
%% chosen at run time.
-module(t_apply).
-export([main/0, id/1, dbl/1, sum3/3, dispatch/3, tail_apply/3, count_down/1, zero/0]).

id(X) -> X.
dbl(X) -> 2 * X.
sum3(A, B, C) -> A + B + C.
zero() -> 0.

dispatch(M, F, A) -> M:F(A).
tail_apply(M, F, Args) -> apply(M, F, Args).

count_down(0) -> done;
count_down(N) -> M = id(?MODULE), F = id(count_down), M:F(N - 1).

main() ->
    M = id(?MODULE), F = id(dbl),
    erlang:display(M:F(21)),
    erlang:display({dispatch(M, F, 5), dispatch(lists, reverse, [1, 2, 3])}),
    erlang:display(apply(M, sum3, [1, 2, 3])),
    erlang:display(apply(fun sum3/3, [4, 5, 6])),
    erlang:display(apply(lists, seq, [1, 5])),
    erlang:display(tail_apply(lists, append, [[1], [2]])),
    erlang:display(tail_apply(?MODULE, zero, [])),
    erlang:display(erlang:apply(erlang, '+', [1, 2])),
    erlang:display(count_down(id(1000000))),
    Ops = [{lists, max}, {lists, min}, {lists, sum}, {erlang, length}],
    erlang:display([Mod:Fun(id([3, 1, 4, 1, 5, 9, 2, 6])) || {Mod, Fun} <- Ops]),
    erlang:display([apply(Mod, Fun, [[7, 8]]) || {Mod, Fun} <- Ops]),
    erlang:display(try M:nope(1) catch error:undef:St -> {undef, hd(St)} end),
    erlang:display(try apply(M, F, [1, 2]) catch error:undef:St2 -> {undef, hd(St2)} end),
    erlang:display(try apply(id(3), dbl, []) catch error:R -> R end),
    erlang:display(try apply(M, id("dbl"), [1]) catch error:R2 -> R2 end),
    erlang:display(with_result(M, F)),
    ok.

with_result(M, F) ->
    X = M:F(10),
    Y = apply(M, F, [X]),
    {X, Y, M:F(Y)}.
