-module(t_ets_select_more).
-export([main/0]).
%% Continuations of named tables (deleted, recreated, renamed), next/prev
%% from the end marker, select_reverse on hash tables.
t(F) -> try F() of V -> V catch C:R:S -> case S of [{M,Fn,_,Loc}|_] -> {C,R,M,Fn,proplists:get_value(error_info,Loc)}; _ -> {C,R} end end.
d(X) -> erlang:display(X).
%% The continuation itself holds slots and references: show its outcome.
res({L, C}) when is_list(L) -> {lists:sort(L), is_tuple(C) orelse C};
res(X) -> X.
main() ->
  [begin
     T = named_sel,
     ets:new(T, [named_table | O]),
     ets:insert(T, [{1,11},{2,22},{3,33}]),
     MS = [{{'$1', 22}, [], ['$1']}],
     {[2], C1} = ets:select(T, MS, 1),
     ets:delete(T),
     d({O, t(fun() -> res(ets:select(C1)) end)}),
     ets:new(T, [named_table | O]),
     d(t(fun() -> res(ets:select(C1)) end)),
     true = ets:insert_new(T, {1,22}),
     true = ets:insert_new(T, {2,22}),
     true = ets:insert_new(T, {4,22}),
     {[A, B], C2} = ets:select(T, MS, 2),
     ets:rename(T, renamed_sel),
     d(t(fun() -> {A + B, res(ets:select(C2))} end)),
     ets:delete(renamed_sel)
   end || O <- [[set], [ordered_set], [bag], [duplicate_bag]]],
  %% next/prev from '$end_of_table'.
  O = ets:new(o, [ordered_set]),
  ets:insert(O, [{a}, {'$end_of_table'}, {z}, {1}]),
  d(t(fun() -> ets:next(O, '$end_of_table') end)),
  d(t(fun() -> ets:prev(O, '$end_of_table') end)),
  d(t(fun() -> ets:next(O, 1) end)),
  d(t(fun() -> ets:prev(O, a) end)),
  d(ets:first(O)),
  d(ets:lookup(O, '$end_of_table')),
  S = ets:new(s, [set]),
  ets:insert(S, {'$end_of_table'}),
  d(t(fun() -> ets:next(S, '$end_of_table') end)),
  d(t(fun() -> ets:next(S, nokey) end)),
  %% select_reverse/2 on hash tables returns select/2's list.
  [begin
     H = ets:new(h, [Type]),
     ets:insert(H, [{I, integer_to_list(I)} || I <- lists:seq(1, 500)]),
     MS2 = [{{'$1', '_'}, [{'>', {'rem', '$1', 5}, 2}], ['$_']}],
     d({Type, ets:select(H, MS2) =:= ets:select_reverse(H, MS2),
        length(ets:select_reverse(H, MS2))}),
     ets:delete(H)
   end || Type <- [set, bag, duplicate_bag]],
  R = ets:new(r, [ordered_set]),
  ets:insert(R, [{I} || I <- lists:seq(1, 10)]),
  d(ets:select_reverse(R, [{{'$1'}, [{'<', '$1', 5}], ['$1']}])),
  ok.
