-module(t_ets_counter_big).
-export([main/0]).
%% update_counter/3,4 across the small/bignum boundary in both directions,
%% several positions at once, thresholds, the default object, and failed
%% updates with a default (which must leave no object behind).
t(F) -> try F() of V -> V catch C:R:S -> case S of [{M,Fn,_,Loc}|_] -> {C,R,M,Fn,proplists:get_value(error_info,Loc)}; _ -> {C,R} end end.
d(X) -> erlang:display(X).
main() ->
  [run(Type) || Type <- [set, ordered_set]],
  errors(),
  ok.

run(Type) ->
  T = ets:new(x, [Type]),
  ets:insert(T, {a,0,0,0,0}),
  SmallMax32 = (1 bsl 27) - 1, SmallMax64 = (1 bsl (27+32)) - 1,
  Big1Max32 = (1 bsl 32) - 1, Big1Max64 = (1 bsl 64) - 1,
  Steps = 100,
  L = fun Loop(0, _) -> ok;
          Loop(N, Arg) ->
             [D] = ets:lookup(T, a),
             R = ets:update_counter(T, a, Arg),
             R = ets:update_counter(T, b, Arg, D),
             [New] = ets:lookup(T, a),
             true = ets:lookup(T, b) =:= [setelement(1, New, b)],
             ets:delete(T, b),
             Loop(N-1, Arg)
      end,
  Args = [{2,(SmallMax32 div Steps)*2},{3,(SmallMax64 div Steps)*2},
          {4,(Big1Max32 div Steps)*2},{5,(Big1Max64 div Steps)*2},
          {2,-(SmallMax32 div Steps)*4},{3,-(SmallMax64 div Steps)*4},
          {4,-(Big1Max32 div Steps)*4},{5,-(Big1Max64 div Steps)*4},
          [{5, (Big1Max64 div Steps)*2}, {3, (Big1Max64 div Steps)*2 + 1},
           {2, -(Big1Max64 div Steps)*2}, {4, -(Big1Max64 div Steps)*2 + 1}],
          [{5, -(Big1Max64 div Steps) + 1}, {3, -(Big1Max64 div Steps)*2 - 1},
           {5, -(Big1Max64 div Steps) - 1}, {4, (Big1Max64 div Steps)*2 - 1}],
          [{3,SmallMax32*4 div 5,SmallMax32*2,-SmallMax32*2},
           {5,-SmallMax64*4 div 7,-SmallMax64*2,SmallMax64*2},
           {4,-Big1Max32*4 div 11,-Big1Max32*2,Big1Max32*2},
           {2,Big1Max64*4 div 13,Big1Max64*2,-Big1Max64*2}],
          {2,Big1Max64*4 div 13,Big1Max64*2,-Big1Max64*2}],
  [begin L(Steps, A), d(ets:lookup(T, a)) end || A <- Args],
  ets:delete(T).

errors() ->
  T = ets:new(x, [set]),
  ets:insert(T, {k, 1}),
  %% Failing updates with a default object insert nothing.
  d(t(fun() -> ets:update_counter(T, q, 3, {q, 1}) end)),
  d(t(fun() -> ets:update_counter(T, q, {3, 1}, {q, 1}) end)),
  d(t(fun() -> ets:update_counter(T, q, [{2,1},{3,1}], {q, 1}) end)),
  d(t(fun() -> ets:update_counter(T, q, 1, {q, notint}) end)),
  d(t(fun() -> ets:update_counter(T, q, {1, 1}, {q, 0}) end)),
  d(t(fun() -> ets:update_counter(T, q, 1, {q}) end)),
  d(t(fun() -> ets:update_counter(T, q, 1, notatuple) end)),
  d(ets:info(T, size)),
  d(ets:lookup(T, q)),
  %% Valid defaults, key replaced by the given key.
  d(ets:update_counter(T, {x, y}, 2, {{other, key}, 10})),
  d(ets:update_counter(T, {x, y}, [{2, 5}], {{third}, 1})),
  d(ets:update_counter(T, n, {2, 10, 15, 0}, {n, 10})),
  d(lists:sort(ets:tab2list(T))),
  B = ets:new(b, [bag]),
  d(t(fun() -> ets:update_counter(B, q, 1, {q, 0}) end)),
  ok.
