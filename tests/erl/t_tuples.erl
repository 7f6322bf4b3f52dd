%% Tuple construction, element/setelement/tuple_size, and nested tuples.
-module(t_tuples).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    T = {id(a), id(b), id(c), id(d)},
    erlang:display({tuple_size(T), element(1, T), element(4, T), element(id(2), T)}),
    erlang:display(setelement(2, T, x)),
    erlang:display(setelement(id(4), T, {nested, T})),
    T2 = setelement(1, setelement(3, setelement(2, T, 2), 3), 1),
    erlang:display(T2),
    erlang:display(T),
    %% build a big tuple and sum its elements
    Big = id({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
              21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40}),
    erlang:display({tuple_size(Big), tsum(Big, tuple_size(Big), 0)}),
    Big2 = bump(Big, 1),
    erlang:display({element(1, Big2), element(40, Big2), tsum(Big2, 40, 0)}),
    erlang:display(Big2),
    erlang:display(swap_pair({id(1), id(2)})),
    erlang:display(rot({id(1), id(2), id(3)})),
    erlang:display(deep(id(10))),
    erlang:display(tuple_size({})),
    erlang:display(vec_add({1, 2, 3}, {id(10), id(20), id(30)})),
    erlang:display(upd(id({0, 0, 0, 0, 0, 0, 0, 0}))),
    ok.

tsum(_, 0, Acc) -> Acc;
tsum(T, I, Acc) -> tsum(T, I - 1, Acc + element(I, T)).

bump(T, I) when I > tuple_size(T) -> T;
bump(T, I) -> bump(setelement(I, T, element(I, T) * 2), I + 1).

swap_pair({A, B}) -> {B, A}.
rot({A, B, C}) -> {B, C, A}.

deep(0) -> leaf;
deep(N) -> {node, N, deep(N - 1)}.

vec_add({A1, A2, A3}, {B1, B2, B3}) -> {A1 + B1, A2 + B2, A3 + B3}.

%% several setelement calls in sequence on a fresh copy -> set_tuple_element
upd(T) ->
    T1 = setelement(8, T, h),
    T2 = setelement(3, T1, c),
    T3 = setelement(5, T2, e),
    setelement(1, T3, a).
