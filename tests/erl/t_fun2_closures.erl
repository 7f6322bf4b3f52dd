%% Closures capturing many variables (including big terms, floats,
%% bignums, binaries and other funs), nested closures, and closures built in
%% loops.
-module(t_fun2_closures).
-export([main/0, id/1]).

id(X) -> X.

many(A, B, C, D, E, F, G, H, I, J, K, L) ->
    fun(X) -> [X, A, B, C, D, E, F, G, H, I, J, K, L] end.

adder(N) -> fun(X) -> X + N end.

compose(Fs) -> lists:foldr(fun(F, Acc) -> fun(X) -> F(Acc(X)) end end, fun(X) -> X end, Fs).

counter_loop(0, Acc) -> Acc;
counter_loop(N, Acc) -> counter_loop(N - 1, [fun() -> N * N end | Acc]).

curry(F, 1) -> fun(X) -> F([X]) end;
curry(F, N) -> fun(X) -> curry(fun(Rest) -> F([X | Rest]) end, N - 1) end.

main() ->
    Big = id(1 bsl 100),
    Fl = id(2.5),
    Bin = id(<<"binary">>),
    Tup = id({a, [b, c], #{k => v}}),
    F = many(id(1), Big, Fl, Bin, Tup, "str", atom, -7, [], {}, 3.0e10, fun id/1),
    io:format("~p~n", [lists:droplast(F(x))]),
    io:format("~p~n", [(lists:last(F(y)))(z)]),
    Adders = [adder(I) || I <- lists:seq(1, 5)],
    io:format("~p~n", [[A(100) || A <- Adders]]),
    C = compose([adder(1), fun(X) -> X * 2 end, adder(10)]),
    io:format("~p~n", [C(5)]),
    io:format("~p~n", [[G() || G <- counter_loop(6, [])]]),
    Sum3 = curry(fun([A, B, Cc]) -> A + B + Cc end, 3),
    io:format("~p~n", [((Sum3(1))(20))(300)]),
    %% closure capturing a closure capturing a closure
    Outer = fun(X) -> fun(Y) -> fun(Z) -> {X, Y, Z, Big} end end end,
    io:format("~p~n", [((Outer(1))(2))(3)]),
    %% closure capturing loop state used after GC pressure
    Fs = [begin L = lists:seq(1, I), fun() -> lists:sum(L) end end || I <- lists:seq(1, 50)],
    _ = [lists:seq(1, 1000) || _ <- lists:seq(1, 20)],
    io:format("~p~n", [[H() || H <- Fs]]),
    %% same code, different environments
    Mk = fun(V) -> fun() -> V end end,
    io:format("~p~n", [{(Mk(a))(), (Mk([1, 2]))(), (Mk(Bin))()}]),
    %% closure in a map and a tuple
    M = #{inc => adder(1), dbl => fun(X) -> 2 * X end},
    io:format("~p~n", [{(maps:get(inc, M))(1), (maps:get(dbl, M))(21)}]),
    ok.
