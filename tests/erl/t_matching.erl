%% Pattern matching: nested structures, repeated variables, aliases,
%% string prefixes, matching in function heads vs. case, and = chains.
-module(t_matching).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display([same(P) || P <- [{1, 1}, {1, 2}, {a, a}, {[x], [x]}, {[x], [y]}]]),
    erlang:display([prefix(S) || S <- [id("GET /index"), id("POST /form"), id("PUT"), id("GE")]]),
    {A, [B, {C, D} | Rest]} = id({1, [2, {3, 4}, 5, 6]}),
    erlang:display({A, B, C, D, Rest}),
    X = Y = id({pair, 10}),
    erlang:display({X, Y}),
    {pair, N} = Whole = X,
    erlang:display({N, Whole}),
    erlang:display([deep(T) || T <- [{a, {b, {c, 1}}}, {a, {b, {c, 2}}}, {a, {b, x}}, foo]]),
    erlang:display([first_dup(L) || L <- [[1, 2, 3, 2], [a, a], [1, 2, 3], []]]),
    erlang:display([triple(L) || L <- [[1, 2, 3], [1, 1, 1], [1, 2], [a, b, c, d]]]),
    erlang:display(parse_kv(id("key1=val1;key2=val2;k3=v3"))),
    erlang:display([lookup(K) || K <- [1, 2, 3, 4]]),
    erlang:display(catch_bm(fun() -> {ok, _} = id({error, nope}) end)),
    erlang:display(catch_bm(fun() -> [_, _] = id([1, 2, 3]) end)),
    erlang:display(catch_bm(fun() -> "abc" ++ _ = id("abx") end)),
    erlang:display(match_in_args({id(5), id(5)}, id(5))),
    ok.

same({X, X}) -> same;
same({_, _}) -> different.

prefix("GET " ++ Path) -> {get, Path};
prefix("POST " ++ Path) -> {post, Path};
prefix(Other) -> {unknown, Other}.

deep({a, {b, {c, V}}}) when V > 1 -> {deep_big, V};
deep({a, {b, {c, V}}}) -> {deep, V};
deep({a, {b, Other}}) -> {partial, Other};
deep(_) -> none.

first_dup([]) -> none;
first_dup([H | T]) ->
    case lists:member(H, T) of
        true -> H;
        false -> first_dup(T)
    end.

triple([X, X, X]) -> all_same;
triple([_, _, _]) -> three;
triple(L) -> {len, length(L)}.

parse_kv(S) -> [kv(Pair) || Pair <- split(S, $;)].

kv(P) ->
    [K, V] = split(P, $=),
    {list_to_atom(K), V}.

split(S, Sep) -> split(S, Sep, [], []).
split([], _, Cur, Acc) -> lists:reverse([lists:reverse(Cur) | Acc]);
split([Sep | T], Sep, Cur, Acc) -> split(T, Sep, [], [lists:reverse(Cur) | Acc]);
split([C | T], Sep, Cur, Acc) -> split(T, Sep, [C | Cur], Acc).

lookup(K) ->
    Table = [{1, one}, {2, two}, {3, three}],
    case lists:keyfind(K, 1, Table) of
        {K, Name} -> Name;
        false -> missing
    end.

catch_bm(F) -> try F() catch error:{badmatch, V} -> {badmatch, V} end.

match_in_args({A, A}, A) -> all_equal;
match_in_args(_, _) -> not_equal.
