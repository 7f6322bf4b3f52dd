-module(t_ets_errors_more).
%% error_info causes as erl gives them: update_element past the object,
%% update_counter on a missing key with a bad operation, rename to a taken
%% name, and select_replace's static check that every clause keeps the key.
-export([main/0]).
t(F) -> try F() of V -> V catch C:R:S -> case S of [{M,Fn,_,Loc}|_] -> {C,R,M,Fn,proplists:get_value(error_info,Loc)}; _ -> {C,R} end end.
d(X) -> erlang:display(X).
main() ->
  [begin
  T = ets:new(t, [Type]),
  ets:insert(T, {one, 1, 2}),
  d(t(fun() -> ets:update_element(T, one, {4, new}) end)),
  d(t(fun() -> ets:update_element(T, one, [{2, x}, {4, new}]) end)),
  d(t(fun() -> ets:update_element(T, one, {1, new}) end)),
  d(t(fun() -> ets:update_element(T, one, not_tuple) end)),
  d(t(fun() -> ets:update_element(T, nokey, {4, new}) end)),
  d(t(fun() -> ets:update_counter(T, no_key, bad_increment) end)),
  d(t(fun() -> ets:update_counter(T, no_key, {1, bad_increment}) end)),
  d(t(fun() -> ets:update_counter(T, one, {4, 1}) end)),
  d(t(fun() -> ets:update_counter(T, one, {1, 1}) end)),
  d(t(fun() -> ets:update_counter(T, one, bad_increment) end)),
  d(t(fun() -> ets:select_replace(T, [{{'$1','$2','$3'},[],[{{key_destroyed}}]}]) end)),
  d(t(fun() -> ets:select_replace(T, [{{'$1','$2','$3'},[],[{{'$1',a,b}}]}]) end)),
  d(t(fun() -> ets:select_replace(T, [{{'$1','$2','$3'},[],[{const,{one,a,b}}]}]) end)),
  d(t(fun() -> ets:select_replace(T, [{{one,'$2','$3'},[],[{const,{one,c,d}}]}]) end)),
  d(t(fun() -> ets:select_replace(T, [{{'$1','$2','$3'},[],[{{{element,1,'$_'},x,y}}]}]) end)),
  d(t(fun() -> ets:select_replace(T, [{{{'$1',k},'$2','$3'},[],[{{{{'$1',k}},x,y}}]}]) end)),
  d(t(fun() -> ets:select_replace(T, [{{{'$1',k},'$2','$3'},[],[{{{'$1',k},x,y}}]}]) end)),
  d(t(fun() -> ets:select_replace(T, [{'_',[],['$_']}]) end)),
  d(t(fun() -> ets:select_replace(T, [{'$1',[],['$1']}]) end)),
  d(t(fun() -> ets:select_replace(T, [{{'$1','$2','$3'},[],[{{'$1','$3','$2'}}, extra]}]) end)),
  d(t(fun() -> ets:select_replace(T, [{{'$1','$2','$3'},[],[{{'$1','$3','$2'}}]}]) end)),
  d(ets:tab2list(T)),
  N = ets:new(nt, [named_table, Type]),
  d(t(fun() -> ets:rename(nt, nt) end)),
  d(t(fun() -> ets:rename(N, nt) end)),
  ets:new(other, [named_table]),
  d(t(fun() -> ets:rename(nt, other) end)),
  ets:delete(other), ets:delete(nt)
  end || Type <- [set, ordered_set]],
  ok.
