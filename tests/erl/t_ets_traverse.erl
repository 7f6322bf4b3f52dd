-module(t_ets_traverse).
-export([main/0]).
t(F) -> try F() of V -> V catch C:R:S -> case S of [{M,Fn,_,Loc}|_] -> {C,R,M,Fn,proplists:get_value(error_info,Loc)}; _ -> {C,R} end end.
d(X) -> erlang:display(X).
main() ->
  O = ets:new(o, [ordered_set]),
  ets:insert(O, [{K, v} || K <- [3, 1, 2.0, a, "s", {t}, <<"b">>, 1.5, -7, 10000000000000000000000]]),
  d(ets:tab2list(O)),
  d(ets:first(O)), d(ets:last(O)),
  d(ets:next(O, 2)), d(ets:prev(O, 2)), d(ets:next(O, 2.5)), d(ets:prev(O, -100)),
  d(ets:next(O, <<"b">>)),
  d(ets:lookup(O, 2)), d(ets:lookup(O, 1.0)), d(ets:member(O, 3.0)),
  ets:insert(O, {2, replaced}),
  d(ets:lookup(O, 2.0)),
  d(ets:select(O, [{{'$1', '_'}, [{is_number, '$1'}], ['$1']}])),
  d(ets:select_reverse(O, [{{'$1', '_'}, [{is_number, '$1'}], ['$1']}])),
  d(ets:foldl(fun({K, _}, A) -> [K | A] end, [], O)),
  d(ets:foldr(fun({K, _}, A) -> [K | A] end, [], O)),
  d([ets:slot(O, I) || I <- lists:seq(0, 10)]),
  d(t(fun() -> ets:slot(O, 11) end)),
  d(t(fun() -> ets:slot(O, -1) end)),
  %% ranges and chunks on ordered_set
  R = ets:new(r, [ordered_set]),
  ets:insert(R, [{{k, I rem 5, I}, I} || I <- lists:seq(1, 100)]),
  d(ets:select(R, [{{{k, 2, '$1'}, '_'}, [{'<', '$1', 30}], ['$1']}])),
  d(ets:select_count(R, [{{{k, 3, '_'}, '_'}, [], [true]}])),
  d(chunks(ets:select(R, [{{{k, 1, '$1'}, '_'}, [], ['$1']}], 7))),
  d(chunks(ets:select_reverse(R, [{{{k, 1, '$1'}, '_'}, [], ['$1']}], 7))),
  d(chunks(ets:match(R, {{k, 4, '$1'}, '_'}, 6))),
  d(chunks(ets:match_object(R, {{k, 0, '_'}, '$1'}, 9))),
  d(ets:select(R, [{{{k, 9, '_'}, '_'}, [], ['$_']}], 5)),
  d(t(fun() -> ets:select(R, [{'_', [], []}], 0) end)),
  d(t(fun() -> ets:select(R, bad_spec) end)),
  d(t(fun() -> ets:select(bad_cont) end)),
  d(ets:select('$end_of_table')),
  %% set chunks: every object exactly once
  S = ets:new(s, [set]),
  ets:insert(S, [{I, I} || I <- lists:seq(1, 500)]),
  L = chunks(ets:select(S, [{{'$1', '_'}, [], ['$1']}], 13)),
  d({length(L), lists:sort(L) =:= lists:seq(1, 500)}),
  Sizes = chunk_sizes(ets:match(S, '$1', 50)),
  d(Sizes),
  %% safe_fixtable: deleting while traversing a set
  d(ets:safe_fixtable(S, true)),
  {_, [{Pid, 1}]} = ets:info(S, safe_fixed),
  d(Pid =:= self()),
  d(ets:info(S, fixed)),
  Seen = walk_delete(S, ets:first(S), []),
  d({length(Seen), lists:sort(Seen) =:= lists:seq(1, 500)}),
  d(ets:safe_fixtable(S, false)),
  d(ets:info(S, fixed)), d(ets:info(S, safe_fixed)), d(ets:info(S, size)),
  d(t(fun() -> ets:next(S, 12345) end)),
  d(t(fun() -> ets:safe_fixtable(S, maybe) end)),
  %% bags: order of objects with one key
  B = ets:new(b, [bag]),
  ets:insert(B, [{k, 3}, {k, 1}, {k, 2}, {k, 1}, {j, 1}]),
  d(ets:lookup(B, k)),
  d(ets:lookup_element(B, k, 2)),
  D = ets:new(d, [duplicate_bag]),
  ets:insert(D, [{k, 3}, {k, 1}, {k, 2}, {k, 1}]),
  d(ets:lookup(D, k)),
  ets:delete_object(D, {k, 1}),
  d(ets:lookup(D, k)),
  d(ets:take(D, k)), d(ets:lookup(D, k)),
  d(t(fun() -> ets:update_counter(B, k, 1) end)),
  d(t(fun() -> ets:update_element(B, k, {2, 1}) end)),
  %% keys: =:= for hash tables, == for ordered_set
  H = ets:new(h, [set]),
  ets:insert(H, [{1, int}, {1.0, float}]),
  d(lists:sort(ets:tab2list(H))),
  d(ets:lookup(H, 1.0)),
  %% big, binary and nested objects survive storage
  Big = list_to_binary(lists:duplicate(300, $x)),
  ets:insert(H, {bin, Big, [Big, {Big}], #{a => Big}}),
  [{bin, B1, [B2, {B3}], #{a := B4}}] = ets:lookup(H, bin),
  d([byte_size(X) || X <- [B1, B2, B3, B4]]),
  ets:delete(H, bin),
  d(ets:lookup(H, bin)),
  %% keypos
  K = ets:new(k, [{keypos, 3}]),
  d(t(fun() -> ets:insert(K, {a, b}) end)),
  d(ets:insert(K, {a, b, c})),
  d(ets:lookup(K, c)),
  d(t(fun() -> ets:update_counter(K, c, {3, 1}) end)),
  d(t(fun() -> ets:update_counter(K, c, {2, 1}) end)),
  d(t(fun() -> ets:update_counter(K, c, {9, 1}) end)),
  d(t(fun() -> ets:update_counter(K, nokey, {2, 1}) end)),
  d(t(fun() -> ets:update_counter(K, nokey, {1, 1}, {0, 0, nokey}) end)),
  d(ets:update_counter(K, nokey2, {1, 5}, {0, 0, whatever})),
  d(ets:lookup(K, nokey2)),
  ok.
chunks('$end_of_table') -> [];
chunks({L, C}) -> L ++ chunks(ets:select(C)).
chunk_sizes('$end_of_table') -> [];
chunk_sizes({L, C}) -> [length(L) | chunk_sizes(ets:match(C))].
walk_delete(_, '$end_of_table', Acc) -> Acc;
walk_delete(T, K, Acc) ->
  ets:delete(T, K),
  walk_delete(T, ets:next(T, K), [K | Acc]).
