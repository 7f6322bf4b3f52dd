%% Old-style catch expressions: values for normal return, throw, exit and
%% error (the error stacktrace is reduced to its top frame).
-module(t_catch_expr).
-export([main/0, id/1]).

id(X) -> X.

show({'EXIT', {Reason, [{M, F, A, _} | _]}}) -> {'EXIT', Reason, {M, F, A}};
show(V) -> V.

main() ->
    erlang:display(catch id(1) + 1),
    erlang:display(catch throw(id(ball))),
    erlang:display(catch exit(id(bye))),
    erlang:display(catch exit(id({shutdown, 1}))),
    erlang:display(show(catch erlang:error(id(oops)))),
    erlang:display(show(catch id(1) + id(x))),
    erlang:display(show(catch hd(id([])))),
    X = (catch thrower(id(3))),
    erlang:display(X),
    erlang:display([catch thrower(N) || N <- lists:seq(0, 4)]),
    erlang:display(nested(id(2))),
    erlang:display(show(catch (catch throw(inner)) + id(0))),
    erlang:display(loop(id(1000), 0)),
    erlang:display(catch deep_throw(id(10000))),
    ok.

thrower(N) when N rem 2 =:= 0 -> throw({even, N});
thrower(N) -> {odd, N}.

nested(N) ->
    A = (catch throw({level, N})),
    B = (catch begin _ = A, throw({level, N + 1}) end),
    {A, B}.

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    V = (catch if N rem 3 =:= 0 -> throw(1); true -> 0 end),
    loop(N - 1, Acc + V).

deep_throw(0) -> throw(bottom);
deep_throw(N) -> 1 + deep_throw(N - 1).
