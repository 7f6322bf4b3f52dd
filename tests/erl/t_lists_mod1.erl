%% OTP lists module, part 1: reverse, keyfind, member, foldl, foldr, map,
%% filter, sort (default and with fun), seq.
-module(t_lists_mod1).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    L = id([5, 3, 8, 1, 9, 2, 7]),
    erlang:display(lists:reverse(L)),
    erlang:display(lists:reverse(L, [tail])),
    erlang:display(lists:reverse([])),
    KV = id([{a, 1}, {b, 2}, {c, 3}, {b, 4}]),
    erlang:display({lists:keyfind(b, 1, KV), lists:keyfind(z, 1, KV), lists:keyfind(3, 2, KV)}),
    erlang:display({lists:member(8, L), lists:member(10, L), lists:member({c, 3}, KV)}),
    erlang:display(lists:foldl(fun(X, Acc) -> [X | Acc] end, [], L)),
    erlang:display(lists:foldr(fun(X, Acc) -> [X | Acc] end, [], L)),
    erlang:display(lists:foldl(fun(X, Acc) -> Acc * X end, 1, lists:seq(1, 30))),
    erlang:display(lists:map(fun(X) -> {X, X rem 3} end, L)),
    erlang:display(lists:filter(fun(X) -> X > 4 end, L)),
    erlang:display(lists:sort(L)),
    erlang:display(lists:sort(fun(A, B) -> A >= B end, L)),
    erlang:display(lists:sort([{b, 2}, {a, 9}, {b, 1}, {a, 1}])),
    erlang:display(lists:sublist(lists:sort(scrambled(id(500))), 20)),
    erlang:display(lists:sort(scrambled(id(500))) =:= lists:seq(0, 499)),
    erlang:display({lists:seq(1, 10), lists:seq(10, 1, -3), lists:seq(5, 4), lists:seq(0, 20, 5)}),
    erlang:display(lists:seq(1 bsl 64, (1 bsl 64) + 3)),
    erlang:display(lists:sort([c, "str", 3, {t}, [], b, 1 bsl 65])),
    ok.

%% a permutation of 0..N-1 (N prime-friendly stride)
scrambled(N) -> [(I * 7919) rem N || I <- lists:seq(0, N - 1)].
