%% ordered_set keys compared through their prefixes (ets/key_prefix.rs):
%% the table's order, `==` keys as one key (1 and 1.0), lookups, next/prev
%% walks and range selects over keys whose prefixes tie or are cut short.
-module(t_ets_ordset_prefix).
-export([main/0]).

keys() ->
    Nums = [0, 1, -1, 2, 255, 256, -256, -257, 99, 100, 1 bsl 52, (1 bsl 52) - 1,
            -(1 bsl 52), -(1 bsl 52) - 1, 1 bsl 59, 1 bsl 70, -(1 bsl 70),
            0.5, 1.5, -1.5, -2.5, 99.9, 1.0e300, -1.0e300, 4.5e15, 2.25],
    Atoms = ['', a, b, ab, 'a\0', 'a\0b', 'a\1', 'a\2', g, zzzzzzzzzzzz, 'é', 'ü'],
    Other = [[], "abc", <<"bin">>, #{a => 1}, [a | b]],
    Base = Nums ++ Atoms ++ Other,
    Tuples = [{A} || A <- Base]
        ++ [{A, B} || A <- Nums ++ Atoms, B <- [0, 1, 1.5, a, 'a\0', {x}]]
        ++ [{g, G, S} || G <- [0, 1, 2, 1.5, 255, 256], S <- [0, 1 bsl 24, 2 bsl 24, 3.5, x]]
        ++ [list_to_tuple(lists:seq(1, N)) || N <- [0, 1, 14, 15, 16, 17, 300]]
        ++ [{{{a}}, 1}, {{{a}}, 0}, {{{b}}}, {{1, 2}, {3, 4}}],
    Base ++ Tuples.

shuffle(L, S) ->
    {_, R} = lists:foldl(fun(X, {S0, Acc}) ->
                                 S1 = (S0 * 1103515245 + 12345) band 16#7FFFFFFF,
                                 {S1, [{S1, X} | Acc]}
                         end, {S, []}, L),
    [X || {_, X} <- lists:sort(R)].

walk(_, '$end_of_table', Acc) -> lists:reverse(Acc);
walk(T, K, Acc) -> walk(T, ets:next(T, K), [K | Acc]).

back(_, '$end_of_table', Acc) -> Acc;
back(T, K, Acc) -> back(T, ets:prev(T, K), [K | Acc]).

run(Opts) ->
    T = ets:new(t, [ordered_set | Opts]),
    Ks = keys(),
    [ets:insert(T, {K, N}) || {K, N} <- lists:zip(shuffle(Ks, 7), lists:seq(1, length(Ks)))],
    %% 1.0 is the key 1: it replaces the object (the key stays as stored).
    ets:insert(T, {1.0, one_float}),
    ets:insert(T, {{g, 1.0, 0}, float_g}),
    L = ets:tab2list(T),
    erlang:display(length(L)),
    erlang:display([K || {K, _} <- L] =:= lists:usort([K || {K, _} <- L])),
    erlang:display(L),
    erlang:display([ets:lookup(T, K) || K <- [1, 1.0, {g, 1, 0}, {g, 1.0, 0}, 2.0, 'a\0', {a, 1.0}, {2.25}, missing]]),
    erlang:display(walk(T, ets:first(T), []) =:= [K || {K, _} <- L]),
    erlang:display(back(T, ets:last(T), []) =:= [K || {K, _} <- L]),
    erlang:display([ets:next(T, K) || K <- [1.2, {g, 1, 1.0}, 'a\0', {g, 1.5, x}, -3, 2.25]]),
    erlang:display([ets:prev(T, K) || K <- [1.2, {g, 1, 1.0}, 'a\0', {g, 1.5, x}, -3, 2.25]]),
    erlang:display(ets:select(T, [{{{g, '$1', '$2'}, '_'}, [], [{{'$1', '$2'}}]}])),
    erlang:display(ets:select_reverse(T, [{{{'$1', '_'}, '_'}, [{is_number, '$1'}], ['$1']}])),
    [ets:delete(T, K) || K <- [1.0, {g, 2.0, 0}, 'a\1', {1.5}]],
    erlang:display(ets:info(T, size)),
    erlang:display(ets:tab2list(T) =:= lists:sort(ets:tab2list(T))),
    ets:delete(T).

main() ->
    run([]),
    run([{write_concurrency, true}]),
    ok.
