-module(t_ets_info_more).
-export([main/0]).
%% ets:info/2's `binary` and `stats` items, and the items every table answers.
t(F) -> try F() of V -> V catch C:R:S -> case S of [{M,Fn,_,Loc}|_] -> {C,R,M,Fn,proplists:get_value(error_info,Loc)}; _ -> {C,R} end end.
d(X) -> erlang:display(X).
%% Binary addresses differ between VMs: sizes and reference counts do not.
%% Only Big (100 bytes) is held by this process for sure: another binary's
%% count includes a dead copy on the process heap until a collection, so
%% it depends on when the VM collects (not printed).
bins(T) -> lists:sort([case S of 100 -> {S, R}; _ -> {S} end || {_Addr, S, R} <- ets:info(T, binary)]).
main() ->
  Big = list_to_binary(lists:seq(1, 100)),
  [begin
     T = ets:new(x, [Type, {keypos, 2}]),
     d({Type, bins(T)}),
     ets:insert(T, {Big, k1}),
     d(bins(T)),
     ets:insert(T, {Big, k2, [Big, <<0:1000>>, <<"small">>]}),
     d(bins(T)),
     ets:delete(T, k1),
     d(bins(T)),
     %% A fixed hash table keeps deleted objects, and their binaries.
     ets:safe_fixtable(T, true),
     ets:delete(T, k2),
     d(length(ets:info(T, binary))),
     ets:safe_fixtable(T, false),
     d(bins(T)),
     ets:insert(T, {<<1:800>>, k3}),
     ets:delete_all_objects(T),
     d(bins(T)),
     ets:delete(T)
   end || Type <- [set, bag, duplicate_bag, ordered_set]],
  %% Another process's private table answers too.
  Self = self(),
  P = spawn(fun() -> ets:new(priv, [private, named_table]), ets:insert(priv, {a, Big}),
                     Self ! ready, receive stop -> ok end end),
  receive ready -> ok end,
  d(bins(priv)),
  d(t(fun() -> ets:lookup(priv, a) end)),
  d(element(8, ets:info(priv, stats))),
  P ! stop,
  %% stats: the shape of hash tables' chains.
  [begin
     T = ets:new(s, Opts),
     S0 = ets:info(T, stats),
     d({Opts, tuple_size(S0), element(1, S0) >= 256, element(2, S0), element(5, S0),
        element(6, S0), element(7, S0), element(8, S0)}),
     [ets:insert(T, {I, I}) || I <- lists:seq(1, 2000)],
     {Buckets, Avg, Dev, Exp, Min, Max, Kept, _} = ets:info(T, stats),
     d({Buckets >= 256, is_float(Avg), is_float(Dev), is_float(Exp), Min >= 0, Max >= Min, Kept}),
     ets:safe_fixtable(T, true),
     [ets:delete(T, I) || I <- lists:seq(1, 10)],
     d(element(7, ets:info(T, stats))),
     ets:safe_fixtable(T, false),
     d(element(7, ets:info(T, stats)))
   end || Opts <- [[set], [bag], [duplicate_bag], [set, {write_concurrency, true}],
                   [set, {write_concurrency, auto}]]],
  d(ets:info(ets:new(o, [ordered_set]), stats)),
  d(ets:info(ets:new(o, [ordered_set, {write_concurrency, true}]), stats)),
  %% Errors: a missing table answers undefined for every item but binary.
  d(ets:info(no_such_table, stats)),
  d(ets:info(no_such_table, memory)),
  d(element(2, t(fun() -> ets:info(no_such_table, binary) end))),
  d(element(2, t(fun() -> ets:info(1, binary) end))),
  d(t(fun() -> ets:info(1, stats) end)),
  d(t(fun() -> ets:info(make_ref(), size) end)),
  T2 = ets:new(y, []),
  d(t(fun() -> ets:info(T2, no_such_item) end)),
  d(t(fun() -> ets:info(T2, "size") end)),
  ok.
