%% Red-black tree (Okasaki-style insert with tuple pattern matching):
%% insert pseudo-random keys, check invariants, in-order traversal, lookups.
-module(t_rbtree).
-export([main/0]).

main() ->
    Keys = keys(42, 5000, []),
    T = lists:foldl(fun(K, Acc) -> insert(K, K * 2, Acc) end, empty, Keys),
    InOrder = to_list(T, []),
    erlang:display({size, length(InOrder)}),
    erlang:display({sorted, [K || {K, _} <- InOrder] =:= lists:usort(Keys)}),
    erlang:display({black_height, black_height(T)}),
    erlang:display({no_red_red, no_red_red(T)}),
    erlang:display({depth, depth(T) =< 2 * log2(length(InOrder) + 1)}),
    erlang:display([lookup(K, T) || K <- lists:sublist(Keys, 5)]),
    erlang:display(lookup(-1, T)),
    erlang:display(lists:sublist(InOrder, 5)),
    Small = lists:foldl(fun(K, Acc) -> insert(K, v, Acc) end, empty, [5, 2, 8, 1, 9, 3]),
    erlang:display(Small),
    ok.

keys(_, 0, Acc) -> Acc;
keys(S, N, Acc) ->
    S1 = (S * 48271) rem 2147483647,
    keys(S1, N - 1, [S1 rem 100000 | Acc]).

insert(K, V, T) ->
    {_, L, K1, V1, R} = ins(K, V, T),
    {black, L, K1, V1, R}.

ins(K, V, empty) -> {red, empty, K, V, empty};
ins(K, V, {C, L, K1, V1, R}) when K < K1 -> balance(C, ins(K, V, L), K1, V1, R);
ins(K, V, {C, L, K1, V1, R}) when K > K1 -> balance(C, L, K1, V1, ins(K, V, R));
ins(K, V, {C, L, _, _, R}) -> {C, L, K, V, R}.

balance(black, {red, {red, A, XK, XV, B}, YK, YV, C}, ZK, ZV, D) ->
    {red, {black, A, XK, XV, B}, YK, YV, {black, C, ZK, ZV, D}};
balance(black, {red, A, XK, XV, {red, B, YK, YV, C}}, ZK, ZV, D) ->
    {red, {black, A, XK, XV, B}, YK, YV, {black, C, ZK, ZV, D}};
balance(black, A, XK, XV, {red, {red, B, YK, YV, C}, ZK, ZV, D}) ->
    {red, {black, A, XK, XV, B}, YK, YV, {black, C, ZK, ZV, D}};
balance(black, A, XK, XV, {red, B, YK, YV, {red, C, ZK, ZV, D}}) ->
    {red, {black, A, XK, XV, B}, YK, YV, {black, C, ZK, ZV, D}};
balance(C, L, K, V, R) -> {C, L, K, V, R}.

lookup(_, empty) -> none;
lookup(K, {_, L, K1, _, _}) when K < K1 -> lookup(K, L);
lookup(K, {_, _, K1, _, R}) when K > K1 -> lookup(K, R);
lookup(_, {_, _, K, V, _}) -> {K, V}.

to_list(empty, Acc) -> Acc;
to_list({_, L, K, V, R}, Acc) -> to_list(L, [{K, V} | to_list(R, Acc)]).

black_height(empty) -> 1;
black_height({C, L, _, _, R}) ->
    HL = black_height(L), HR = black_height(R),
    HL = HR,
    case C of black -> HL + 1; red -> HL end.

no_red_red(empty) -> true;
no_red_red({red, {red, _, _, _, _}, _, _, _}) -> false;
no_red_red({red, _, _, _, {red, _, _, _, _}}) -> false;
no_red_red({_, L, _, _, R}) -> no_red_red(L) andalso no_red_red(R).

depth(empty) -> 0;
depth({_, L, _, _, R}) -> 1 + max(depth(L), depth(R)).

log2(N) when N =< 1 -> 0;
log2(N) -> 1 + log2(N div 2).
