-module(t_ets_basic).
-export([main/0]).
t(F) -> try F() of V -> V catch C:R:S -> case S of [{M,Fn,_,Loc}|_] -> {C,R,M,Fn,proplists:get_value(error_info,Loc)}; _ -> {C,R} end end.
d(X) -> erlang:display(X).
main() ->
  [run(Type) || Type <- [set, ordered_set, bag, duplicate_bag]],
  ok.
run(Type) ->
  T = ets:new(tab, [Type, public]),
  d({type, Type}),
  d(ets:insert(T, [{K, K * 2} || K <- lists:seq(1, 20)])),
  d(ets:insert(T, {3, x})),
  d(ets:insert(T, {3, x})),
  d(ets:insert(T, {1.0, float})),
  d(lists:sort(ets:lookup(T, 3))),
  d(lists:sort(ets:lookup(T, 1))),
  d(ets:member(T, 5)), d(ets:member(T, 55)),
  d(t(fun() -> ets:lookup_element(T, 4, 2) end)),
  d(t(fun() -> ets:lookup_element(T, 4, 3) end)),
  d(t(fun() -> ets:lookup_element(T, 44, 2) end)),
  d(ets:insert_new(T, {4, y})),
  d(ets:insert_new(T, [{100, a}, {101, b}])),
  d(ets:insert_new(T, [{102, a}, {101, b}])),
  d(ets:info(T, size)),
  d(lists:sort(ets:tab2list(T))),
  d(ets:delete(T, 100)),
  d(ets:delete_object(T, {3, x})),
  d(lists:sort(ets:lookup(T, 3))),
  d(ets:take(T, 5)), d(ets:take(T, 5)),
  d(t(fun() -> ets:update_counter(T, 6, 1) end)),
  d(t(fun() -> ets:update_counter(T, 6, [{2, 1}, {2, 10, 30, 0}]) end)),
  d(t(fun() -> ets:update_counter(T, 66, 1, {0, 5}) end)),
  d(t(fun() -> ets:update_counter(T, 7, {2, 1 bsl 62}) end)),
  d(t(fun() -> ets:update_counter(T, 7, {3, 1}) end)),
  d(t(fun() -> ets:update_element(T, 8, {2, <<"hello">>}) end)),
  d(t(fun() -> ets:update_element(T, 88, {2, 1}) end)),
  d(t(fun() -> ets:update_element(T, 8, {1, 1}) end)),
  d(lists:sort(ets:lookup(T, 8))),
  d(lists:sort(ets:match(T, {'$1', '$2'}))),
  d(lists:sort(ets:match_object(T, {'_', x}))),
  d(lists:sort(ets:select(T, [{{'$1', '$2'}, [{'<', '$1', 5}], [{{'$2', '$1'}}]}]))),
  d(ets:select_count(T, [{{'$1', '_'}, [{'>', '$1', 10}], [true]}])),
  d(ets:select_delete(T, [{{'$1', '_'}, [{'>', '$1', 15}], [true]}])),
  d(ets:info(T, size)),
  d(lists:sort(ets:select(T, [{{9, '$1'}, [], ['$_']}]))),
  d(t(fun() -> ets:select_replace(T, [{{'$1', '$2'}, [{'==', '$1', 9}], [{{'$1', replaced}}]}]) end)),
  d(lists:sort(ets:lookup(T, 9))),
  Keys = walk(T, ets:first(T)),
  d(length(Keys)),
  d(lists:sort(Keys) =:= lists:usort(Keys)),
  d(ets:foldl(fun({K, _}, A) -> A + K end, 0, T)),
  d(chunks(ets:select(T, [{'$1', [], ['$1']}], 3), 0)),
  d(ets:delete_all_objects(T)),
  d(ets:info(T, size)),
  d(ets:first(T)),
  d(ets:delete(T)),
  d(t(fun() -> ets:lookup(T, 1) end)).
walk(_, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].
chunks('$end_of_table', N) -> N;
chunks({L, C}, N) -> chunks(ets:select(C), N + length(L)).
