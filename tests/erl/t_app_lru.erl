%% An LRU cache built from a map (key -> {value, stamp}) and a gb_tree
%% ordered by access stamp, plus a FIFO cache on queue, driven by a
%% seeded random workload; hit ratios and evictions are reported.
-module(t_app_lru).
-export([main/0]).

-record(lru, {cap, size = 0, stamp = 0, items = #{}, order = gb_trees:empty(),
              hits = 0, misses = 0, evicted = []}).
-record(fifo, {cap, items = #{}, q = queue:new(), hits = 0, misses = 0}).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    C0 = new(4),
    C1 = lists:foldl(fun(K, C) -> put(K, length(atom_to_list(K)) * 10, C) end, C0, [a, bb, ccc, d]),
    io:format("keys (LRU first): ~p~n", [keys(C1)]),
    {V, C2} = get(a, C1),
    io:format("get a -> ~p, order now ~p~n", [V, keys(C2)]),
    C3 = put(e, 50, C2),
    io:format("after put e: ~p evicted=~p~n", [keys(C3), C3#lru.evicted]),
    {Miss, C4} = get(bb, C3),
    io:format("get b -> ~p~n", [Miss]),
    C5 = put(ccc, 300, C4),
    io:format("update c: ~p ~p~n", [keys(C5), element(1, get(ccc, C5))]),
    %% random workload, zipf-ish key distribution
    Keys = [zipf() || _ <- lists:seq(1, 3000)],
    io:format("first keys: ~w~n", [lists:sublist(Keys, 20)]),
    lists:foreach(fun(Cap) ->
                          L = workload(Keys, new(Cap)),
                          F = fifo_workload(Keys, #fifo{cap = Cap}),
                          io:format("cap ~3b: lru hits ~4b misses ~4b ratio ~5.1f% | fifo hits ~4b ratio ~5.1f% | evictions ~b~n",
                                    [Cap, L#lru.hits, L#lru.misses, pct(L#lru.hits, L#lru.misses),
                                     F#fifo.hits, pct(F#fifo.hits, F#fifo.misses),
                                     length(L#lru.evicted)])
                  end, [1, 2, 5, 10, 20, 50]),
    L = workload(Keys, new(8)),
    io:format("final contents (cap 8): ~p~n", [lists:sort(maps:keys(L#lru.items))]),
    io:format("last evictions: ~w~n", [lists:sublist(L#lru.evicted, 10)]),
    Freq = lists:foldl(fun(K, M) -> maps:update_with(K, fun(N) -> N + 1 end, 1, M) end, #{}, Keys),
    Top = lists:sublist(lists:reverse(lists:keysort(2, maps:to_list(Freq))), 8),
    io:format("top keys: ~p~n", [Top]),
    check_invariants(L),
    ok.

pct(H, M) -> 100 * H / (H + M).

zipf() ->
    R = rand:uniform(),
    trunc(math:pow(60, R * R)) + 0.

new(Cap) -> #lru{cap = Cap}.

keys(#lru{order = O}) -> gb_trees:values(O).

get(K, #lru{items = I, order = O, stamp = S} = C) ->
    case maps:find(K, I) of
        {ok, {V, Old}} ->
            O1 = gb_trees:insert(S, K, gb_trees:delete(Old, O)),
            {{ok, V}, C#lru{items = I#{K := {V, S}}, order = O1, stamp = S + 1, hits = C#lru.hits + 1}};
        error ->
            {miss, C#lru{misses = C#lru.misses + 1}}
    end.

put(K, V, #lru{items = I, order = O, stamp = S} = C) ->
    case maps:find(K, I) of
        {ok, {_, Old}} ->
            C#lru{items = I#{K := {V, S}}, order = gb_trees:insert(S, K, gb_trees:delete(Old, O)),
                  stamp = S + 1};
        error when C#lru.size < C#lru.cap ->
            C#lru{items = I#{K => {V, S}}, order = gb_trees:insert(S, K, O), stamp = S + 1,
                  size = C#lru.size + 1};
        error ->
            {_, Victim, O1} = gb_trees:take_smallest(O),
            I1 = maps:remove(Victim, I),
            C#lru{items = I1#{K => {V, S}}, order = gb_trees:insert(S, K, O1), stamp = S + 1,
                  evicted = [Victim | C#lru.evicted]}
    end.

workload(Keys, C) ->
    lists:foldl(fun(K, Acc) ->
                        case get(K, Acc) of
                            {{ok, _}, Acc1} -> Acc1;
                            {miss, Acc1} -> put(K, {value, K}, Acc1)
                        end
                end, C, Keys).

fifo_workload(Keys, F) ->
    lists:foldl(fun(K, #fifo{items = I, q = Q, cap = Cap} = Acc) ->
                        case maps:is_key(K, I) of
                            true -> Acc#fifo{hits = Acc#fifo.hits + 1};
                            false ->
                                Q1 = queue:in(K, Q),
                                I1 = I#{K => true},
                                case queue:len(Q1) > Cap of
                                    true ->
                                        {{value, Old}, Q2} = queue:out(Q1),
                                        Acc#fifo{items = maps:remove(Old, I1), q = Q2,
                                                 misses = Acc#fifo.misses + 1};
                                    false ->
                                        Acc#fifo{items = I1, q = Q1, misses = Acc#fifo.misses + 1}
                                end
                        end
                end, F, Keys).

check_invariants(#lru{items = I, order = O, size = S, cap = Cap}) ->
    true = map_size(I) =:= S,
    true = gb_trees:size(O) =:= S,
    true = S =< Cap,
    lists:foreach(fun({Stamp, K}) -> {_, Stamp} = maps:get(K, I) end, gb_trees:to_list(O)),
    io:format("invariants ok (size ~b)~n", [S]).
