-module(t_ets_file).
-behaviour(supervisor).
-export([main/0, init/1]).
%% ets:tab2file/2,3, file2tab/1,2 and tabfile_info/1 (OTP's ets.erl, over
%% disk_log), with every table type, extended info and verification, and
%% their errors.
t(F) -> try F() of V -> V catch C:R:S -> case S of [{M,Fn,_,Loc}|_] -> {C,R,M,Fn,proplists:get_value(error_info,Loc)}; _ -> {C,R} end end.
d(X) -> erlang:display(X).

%% disk_log starts its server under kernel's kernel_safe_sup, which erl's
%% boot starts; girder's emulated init does not yet: start an empty one.
kernel_safe_sup() ->
  case whereis(kernel_safe_sup) of
    undefined ->
      {ok, P} = supervisor:start_link({local, kernel_safe_sup}, ?MODULE, []),
      unlink(P);
    _ -> ok
  end.
init([]) -> {ok, {#{strategy => one_for_one, intensity => 4, period => 3600}, []}}.

main() ->
  kernel_safe_sup(),
  Dir = "/tmp/t_ets_file." ++ os:getpid(),
  ok = filelib:ensure_dir(Dir ++ "/"),
  F = Dir ++ "/tab",
  Objs = [{I, integer_to_list(I), <<I:800>>, {I, float(I)}} || I <- lists:seq(1, 300)]
         ++ [{a, self_pid_free}, {a, dup}, {{tuple, key}, [1,2,3]}],
  [begin
     T = ets:new(tab, [Type, public]),
     ets:insert(T, Objs),
     d({Type, ets:tab2file(T, F)}),
     {ok, Info} = ets:tabfile_info(F),
     d(lists:keydelete(name, 1, Info)),
     ets:delete(T),
     {ok, T2} = ets:file2tab(F),
     d({ets:info(T2, type), ets:info(T2, protection), ets:info(T2, size), ets:info(T2, keypos),
        lists:sort(ets:tab2list(T2)) =:= lists:sort(sel(Type, Objs))}),
     ets:delete(T2)
   end || Type <- [set, ordered_set, bag, duplicate_bag]],
  %% Named, keypos 2, extended info, verify.
  N = ets:new(named_one, [named_table, {keypos, 2}, private]),
  ets:insert(N, [{v, I} || I <- lists:seq(1, 50)]),
  d(ets:tab2file(N, F, [{extended_info, [md5sum, object_count]}, {sync, true}])),
  d(ets:tabfile_info(F)),
  d(t(fun() -> ets:file2tab(F) end)),
  ets:delete(N),
  {ok, N2} = ets:file2tab(F, [{verify, true}]),
  d({N2, ets:info(named_one, keypos), ets:info(named_one, size), ets:info(named_one, protection)}),
  ets:delete(named_one),
  %% Errors.
  %% (The path in the errors is per run: shown without it.)
  P = fun(R) -> strip(R, Dir) end,
  d(P(ets:file2tab(Dir ++ "/missing"))),
  d(P(ets:tabfile_info(Dir ++ "/missing"))),
  ok = file:write_file(Dir ++ "/garbage", <<"not a disk log at all">>),
  d(P(ets:file2tab(Dir ++ "/garbage"))),
  d(P(ets:tabfile_info(Dir ++ "/garbage"))),
  d(t(fun() -> ets:tab2file(no_such_table, F) end)),
  d(t(fun() -> ets:tab2file(ets:new(x, []), F, [{extended_info, [bogus]}]) end)),
  d(t(fun() -> ets:file2tab(F, [{verify, maybe}]) end)),
  [file:delete(Dir ++ "/" ++ X) || X <- ["tab", "garbage"]],
  file:del_dir(Dir),
  ok.

sel(set, Objs) -> dedup(Objs);
sel(ordered_set, Objs) -> dedup(Objs);
sel(bag, Objs) -> lists:usort(Objs);
sel(duplicate_bag, Objs) -> Objs.

dedup(Objs) ->
  maps:values(maps:from_list([{element(1, O), O} || O <- Objs])).

strip({error, {read_error, {What, Path, Why}}}, Dir) ->
  {error, {read_error, {What, lists:nthtail(length(Dir), Path), Why}}};
strip({error, {read_error, {What, Path}}}, Dir) ->
  {error, {read_error, {What, lists:nthtail(length(Dir), Path)}}};
strip(Other, _) -> Other.
