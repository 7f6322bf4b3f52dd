%% ordered_set tables with write_concurrency (girder: a contention-
%% adapting tree; one range until threads contend): key order with ==
%% keys, next/prev from absent keys, select/select_reverse in chunks with
%% continuations, traversals of a fixed table that changes, info items.
-module(t_ets_catree).
-export([main/0]).

main() ->
    lists:foreach(fun(Opts) -> run(Opts) end,
                  [[{write_concurrency, true}],
                   [{write_concurrency, true}, {read_concurrency, true}],
                   [{write_concurrency, auto}],
                   [{write_concurrency, false}]]).

run(Opts) ->
    T = ets:new(t, [ordered_set, public | Opts]),
    io:format("~p wc=~p rc=~p~n",
              [Opts, ets:info(T, write_concurrency), ets:info(T, read_concurrency)]),
    Keys = [3, 1.0, b, a, {x, 1}, [1, 2], <<"bin">>, 2.5, -7, 100000000000000000000,
            self_ref, "str", {y}, 0],
    [ets:insert(T, {K, v}) || K <- Keys],
    %% 1 and 1.0 are one key in an ordered_set.
    true = ets:insert(T, {1, int_one}),
    io:format("size ~p memory ~p tab2list ~p~n",
              [ets:info(T, size), ets:info(T, memory), ets:tab2list(T)]),
    io:format("lookup 1.0 ~p member 1 ~p~n", [ets:lookup(T, 1.0), ets:member(T, 1)]),
    io:format("forward ~p~n", [walk(T, ets:first(T), fun ets:next/2)]),
    io:format("backward ~p~n", [walk(T, ets:last(T), fun ets:prev/2)]),
    %% next/prev from keys that are not in the table.
    io:format("next absent ~p ~p ~p~n",
              [ets:next(T, 2), ets:next(T, zzz), ets:next(T, {z})]),
    io:format("prev absent ~p ~p ~p~n",
              [ets:prev(T, 2), ets:prev(T, -100), ets:prev(T, <<"c">>)]),
    [ets:insert(T, {N, N * N}) || N <- lists:seq(10, 400)],
    Ms = [{{'$1', '$2'}, [{is_integer, '$1'}, {'>=', '$1', 50}, {'<', '$1', 120}], ['$1']}],
    io:format("select ~p~n", [ets:select(T, Ms)]),
    io:format("select_reverse ~p~n", [ets:select_reverse(T, Ms)]),
    io:format("chunks ~p~n", [chunks(ets:select(T, Ms, 7), [])]),
    io:format("rchunks ~p~n", [chunks(ets:select_reverse(T, Ms, 9), [])]),
    %% A bound key range and a partially bound key.
    io:format("bound ~p~n", [ets:select(T, [{{{x, '_'}, '$1'}, [], [{{'$_'}}]}])]),
    io:format("count ~p~n", [ets:select_count(T, [{{'$1', '_'}, [{is_integer, '$1'}], [true]}])]),
    %% A fixed table changing under a traversal: every key present for the
    %% whole traversal is seen once.
    true = ets:safe_fixtable(T, true),
    Seen = fixed_walk(T, ets:first(T), 0, []),
    true = ets:safe_fixtable(T, false),
    io:format("fixed walk saw ~p evens, size now ~p~n", [length(Seen), ets:info(T, size)]),
    %% A continuation survives inserts and deletes between chunks.
    {C1, Cont} = ets:select(T, [{{'$1', '_'}, [{is_integer, '$1'}], ['$1']}], 20),
    ets:delete(T, lists:last(C1) + 2),
    ets:insert(T, {lists:last(C1) + 1, new}),
    {C2, _} = ets:select(Cont),
    io:format("cont ~p ~p~n", [C1, C2]),
    io:format("match_delete ~p ~p~n",
              [ets:match_delete(T, {'_', new}), ets:select_delete(T, [{{'$1', '_'}, [{'>', '$1', 300}, {is_integer, '$1'}], [true]}])]),
    io:format("take ~p update_counter ~p~n",
              [ets:take(T, 20), (ets:insert(T, {ctr, 5}) andalso true) =:= true andalso ets:update_counter(T, ctr, {2, 5})]),
    io:format("delete_all ~p size ~p first ~p~n",
              [ets:delete_all_objects(T), ets:info(T, size), ets:first(T)]),
    ets:delete(T).

walk(_T, '$end_of_table', _F) -> [];
walk(T, K, F) -> [K | walk(T, F(T, K), F)].

chunks('$end_of_table', Acc) -> lists:reverse(Acc);
chunks({L, C}, Acc) -> chunks(ets:select(C), [L | Acc]).

%% Deletes odd integer keys ahead and inserts new odd keys behind while
%% walking; counts the even integer keys it visits.
fixed_walk(_T, '$end_of_table', _N, Acc) -> lists:reverse(Acc);
fixed_walk(T, K, N, Acc) ->
    Acc1 = case is_integer(K) andalso K rem 2 =:= 0 of
               true -> [K | Acc];
               false -> Acc
           end,
    case is_integer(K) of
        true ->
            ets:delete(T, K + 3),
            ets:insert(T, {K - 1, behind});
        false -> ok
    end,
    fixed_walk(T, ets:next(T, K), N + 1, Acc1).
