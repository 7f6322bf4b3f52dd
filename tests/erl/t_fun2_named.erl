%% Named (self-recursive) funs: factorial, fibonacci, mutual recursion by
%% passing, accumulating loops and named funs capturing variables.
-module(t_fun2_named).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
    io:format("~p~n", [[Fact(I) || I <- [0, 1, 5, 10, 25]]]),
    Fib = fun Fib(0) -> 0; Fib(1) -> 1; Fib(N) -> Fib(N - 1) + Fib(N - 2) end,
    io:format("~p~n", [[Fib(I) || I <- lists:seq(0, 20)]]),
    Count = fun C(0) -> done; C(N) -> C(N - 1) end,
    io:format("~p~n", [Count(1000000)]),
    Base = id(100),
    Sum = fun S([]) -> Base; S([H | T]) -> H + S(T) end,
    io:format("~p~n", [Sum(lists:seq(1, 10))]),
    Len = fun L([], Acc) -> Acc; L([_ | T], Acc) -> L(T, Acc + 1) end,
    io:format("~p~n", [Len(lists:seq(1, 12345), 0)]),
    %% a named fun returning itself
    Self = fun Me(stop) -> stopped; Me(_) -> Me end,
    io:format("~p~n", [((Self(go))(again))(stop)]),
    %% mutual recursion through an argument
    Even = fun E(0, _) -> true; E(N, O) -> O(N - 1, E) end,
    Odd = fun O(0, _) -> false; O(N, E) -> E(N - 1, O) end,
    io:format("~p~n", [[Even(I, Odd) || I <- lists:seq(0, 7)]]),
    %% flatten with a named fun
    Flat = fun Fl([]) -> []; Fl([H | T]) when is_list(H) -> Fl(H) ++ Fl(T); Fl([H | T]) -> [H | Fl(T)] end,
    io:format("~p~n", [Flat([1, [2, [3, [4, []]], 5], [[6]]])]),
    %% ackermann small
    Ack = fun A(0, N) -> N + 1; A(M, 0) -> A(M - 1, 1); A(M, N) -> A(M - 1, A(M, N - 1)) end,
    io:format("~p~n", [Ack(2, 3)]),
    %% named fun in a list comprehension
    io:format("~p~n", [[(fun P(0) -> []; P(K) -> [K | P(K - 1)] end)(I) || I <- [0, 1, 3]]]),
    io:format("~p~n", [erlang:fun_info(Fact, arity)]),
    ok.
