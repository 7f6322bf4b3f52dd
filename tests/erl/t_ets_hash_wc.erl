%% write_concurrency hash tables past BEAM's 256 first buckets: erl grows
%% them as one linear hash table (by the table's object count for
%% {write_concurrency, true}, by 64 times one lock stripe's count for
%% auto and decentralized counters), walking them lock stripe by stripe;
%% first/next, tab2list, select and slot must follow, while growing and
%% while shrinking again. A list is inserted first to last when the caller
%% has a reduction left for every eight objects, else last to first (not
%% into a bag: always last to first), which decides the order in buckets
%% and which object of one key a set keeps: objects are inserted one by
%% one here except in lists short or long enough for that not to depend
%% on how many reductions the caller has used.
-module(t_ets_hash_wc).
-export([main/0]).

main() ->
    Opts = [[{write_concurrency, true}], [{write_concurrency, auto}],
            [{write_concurrency, true}, {decentralized_counters, true}],
            [{write_concurrency, auto}, {decentralized_counters, false}],
            [{write_concurrency, true}, {read_concurrency, true}],
            [{write_concurrency, {debug_hash_fixed_number_of_locks, 1024}}]],
    [run(Type, O, N) || Type <- [set, bag], O <- Opts, N <- [10, 300, 5000]],
    shrinking(),
    list_order(),
    ok.

run(Type, Opts, N) ->
    T = ets:new(t, [Type | Opts]),
    ins(T, [{I, I} || I <- lists:seq(1, N)]),
    [ets:insert(T, {{I}, I}) || I <- lists:seq(1, N div 2)],
    report(io_lib:format("~p ~p ~p", [Type, Opts, N]), T),
    [ets:delete(T, I) || I <- lists:seq(1, N, 2)],
    report("  deleted", T),
    ets:delete(T).

report(What, T) ->
    Walk = walk(T, ets:first(T)),
    L = ets:tab2list(T),
    Sel = ets:select(T, [{{'$1', '_'}, [], ['$1']}]),
    io:format("~s: ~p ~p~n  ~p~n", [What, ets:info(T, size), erlang:phash2({Walk, L, Sel}),
                                   lists:sublist(Walk, 8)]).

shrinking() ->
    T = ets:new(t, [set, {write_concurrency, true}]),
    ins(T, [{I} || I <- lists:seq(1, 20000)]),
    [ets:delete(T, I) || I <- lists:seq(1, 19900)],
    io:format("shrunk ~p~n", [lists:sublist(walk(T, ets:first(T)), 20)]),
    ins(T, [{I} || I <- lists:seq(1, 3000)]),
    io:format("regrown ~p~n", [erlang:phash2(walk(T, ets:first(T)))]),
    ets:delete(T).

list_order() ->
    [begin
         T = ets:new(t, [Type | O]),
         ets:insert(T, [{a, 1}, {b, 1}, {a, 2}, {c, 1}, {b, 2}]),
         Small = ets:tab2list(T),
         ets:insert(T, [{I rem 40000, I} || I <- lists:seq(1, 40000)] ++ [{a, 3}, {a, 4}]),
         io:format("~p ~p ~p ~p~n", [Type, O, Small,
                                     {ets:lookup(T, a), ets:lookup(T, 5), erlang:phash2(ets:tab2list(T))}]),
         ets:delete(T)
     end || Type <- [set, bag, duplicate_bag], O <- [[], [{write_concurrency, true}]]].

ins(T, L) -> [ets:insert(T, O) || O <- L].

walk(_T, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].
