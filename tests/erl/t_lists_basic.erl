%% Hand-written list processing: cons cells, hd/tl, length, improper
%% lists, ++ and --, and list comprehensions.
-module(t_lists_basic).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    L = id([1, 2, 3, 4, 5]),
    erlang:display({hd(L), tl(L), length(L), [0 | L]}),
    erlang:display({my_len(L, 0), my_rev(L, []), my_sum(L), my_last(L)}),
    erlang:display(my_map(fun(X) -> X * X end, L)),
    erlang:display(zip(L, [a, b, c, d, e])),
    erlang:display(unzip(zip(L, "abcde"))),
    erlang:display({first_two(L), first_two([x]), improper()}),
    erlang:display(L ++ [6, 7]),
    erlang:display(L -- [2, 4, 9]),
    erlang:display("hello" ++ " " ++ "world"),
    erlang:display([X * Y || X <- L, Y <- [10, 100], X rem 2 =:= 1]),
    erlang:display([{X, Y} || X <- lists:seq(1, 4), Y <- lists:seq(X, 4), X + Y =:= 5]),
    erlang:display(interleave(id([a, b, c]), id([1, 2, 3]))),
    erlang:display(take(3, lists:seq(1, 10))),
    erlang:display(chunk(lists:seq(1, 10), 3)),
    erlang:display(dedup([1, 1, 2, 3, 3, 3, 4, 1, 1])),
    erlang:display(pairs(id([a, b, c, d]))),
    erlang:display(length(lists:seq(1, 100000))),
    erlang:display(nested_len([[1, 2], [], [3], [4, 5, 6]])),
    erlang:display([H || [H | _] <- [[1, 2], [], [3], [a | b]]]),
    ok.

my_len([], N) -> N;
my_len([_ | T], N) -> my_len(T, N + 1).

my_rev([], Acc) -> Acc;
my_rev([H | T], Acc) -> my_rev(T, [H | Acc]).

my_sum([]) -> 0;
my_sum([H | T]) -> H + my_sum(T).

my_last([X]) -> X;
my_last([_ | T]) -> my_last(T).

my_map(_, []) -> [];
my_map(F, [H | T]) -> [F(H) | my_map(F, T)].

zip([A | As], [B | Bs]) -> [{A, B} | zip(As, Bs)];
zip(_, _) -> [].

unzip([]) -> {[], []};
unzip([{A, B} | T]) ->
    {As, Bs} = unzip(T),
    {[A | As], [B | Bs]}.

first_two([A, B | _]) -> {A, B};
first_two(_) -> none.

improper() ->
    X = [1, 2 | id(3)],
    {hd(X), tl(tl(X))}.

interleave([A | As], [B | Bs]) -> [A, B | interleave(As, Bs)];
interleave([], Bs) -> Bs;
interleave(As, []) -> As.

take(0, _) -> [];
take(_, []) -> [];
take(N, [H | T]) -> [H | take(N - 1, T)].

chunk([], _) -> [];
chunk(L, N) when length(L) =< N -> [L];
chunk(L, N) -> [take(N, L) | chunk(drop(N, L), N)].

drop(0, L) -> L;
drop(N, [_ | T]) -> drop(N - 1, T).

dedup([A, A | T]) -> dedup([A | T]);
dedup([A | T]) -> [A | dedup(T)];
dedup([]) -> [].

pairs([A, B | T]) -> [{A, B} | pairs(T)];
pairs(_) -> [].

nested_len(L) -> lists:foldl(fun(X, Acc) -> Acc + length(X) end, 0, L).
