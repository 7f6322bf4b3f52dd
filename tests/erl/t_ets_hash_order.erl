%% Traversal order of hash tables follows BEAM's: tab2list, match,
%% select, first/next, slot and chunked select over set, bag and
%% duplicate_bag tables of atom and integer keys, small and grown, with
%% deletes, with and without write_concurrency.
-module(t_ets_hash_order).
-export([main/0]).

main() ->
    Opts = [[], [{write_concurrency, true}], [{write_concurrency, auto}],
            [{read_concurrency, true}], [compressed]],
    [run(Type, O) || Type <- [set, bag, duplicate_bag], O <- Opts],
    ok.


run(Type, Opts) ->
    io:format("== ~p ~p~n", [Type, Opts]),
    T = ets:new(t, [Type, {keypos, 2} | Opts]),
    ets:insert(T, [{value1, key1}, {value2_1, key2}, {value2_2, key2},
                   {value3_1, key3}, {value3_2, key3}, {value2_1, key2_wannabe},
                   {v, 'héllo'}, {v, ''}, {v, -5}, {v, 0}, {v, 123456789},
                   {v, a_rather_long_atom_name_that_folds}]),
    io:format("~p~n~p~n~p~n", [ets:tab2list(T), ets:match(T, {value2_1, '$1'}),
                               walk(T, ets:first(T))]),
    ets:delete(T),
    %% Grown: more objects than BEAM's 256 buckets, then deletes.
    grown(Type, Opts).

grown(Type, Opts) ->
    G = ets:new(g, [Type | Opts]),
    [ets:insert(G, {K, x}) || K <- lists:seq(1, 700)],
    [ets:insert(G, {list_to_atom("k" ++ integer_to_list(K)), y}) || K <- lists:seq(1, 300)],
    case Type of
        set -> ok;
        _ -> [ets:insert(G, {K, z}) || K <- lists:seq(1, 700, 7)]
    end,
    io:format("first ~p~n", [lists:sublist(walk(G, ets:first(G)), 40)]),
    io:format("tab2list ~p~n", [lists:sublist(ets:tab2list(G), 40)]),
    io:format("select ~p~n", [lists:sublist(ets:select(G, [{{'$1', '_'}, [{is_atom, '$1'}], ['$1']}]), 30)]),
    io:format("slot 3 ~p slot 100 ~p~n", [ets:slot(G, 3), ets:slot(G, 100)]),
    io:format("chunks ~p~n", [chunks(ets:select(G, [{{'$1', '_'}, [], ['$1']}], 50), 4)]),
    [ets:delete(G, K) || K <- lists:seq(2, 700, 3)],
    io:format("after delete ~p~n", [lists:sublist(ets:tab2list(G), 30)]),
    io:format("match_object ~p~n", [lists:sublist(ets:match_object(G, {'_', y}), 20)]),
    ets:delete(G).

walk(_T, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].

chunks('$end_of_table', _) -> [];
chunks(_, 0) -> [];
chunks({L, C}, N) -> [L | chunks(ets:select(C), N - 1)].
