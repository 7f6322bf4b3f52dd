%% BEAM's loading BIFs: erlang:prepare_loading/2 (and erts_internal's),
%% finish_loading/1 with its duplicated / not_purged / on_load / badarg /
%% system_limit answers, has_prepared_code_on_load/1,
%% call_on_load_function/1, finish_after_on_load/2, module_loaded/1,
%% check_old_code/1, delete_module/1, purge_module/1, load_module/2 (OTP's
%% own Erlang code over them), get_module_info/1,2 and the beamfile BIFs.
-module(t_codeload_bifs).
-export([main/0]).

src(M, V, OnLoad) ->
    "-module(" ++ atom_to_list(M) ++ ").\n"
    ++ case OnLoad of
           none -> "";
           _ -> "-on_load(init/0).\n"
       end ++
    "-export([v/0, loop/0]).\n"
    "v() -> " ++ integer_to_list(V) ++ ".\n"
    "loop() -> receive stop -> ok end.\n"
    ++ case OnLoad of
           none -> "";
           Res -> "init() -> put(ran, yes), " ++ Res ++ ".\n"
       end.

forms(Src) ->
    {ok, Ts, _} = erl_scan:string(Src),
    split(Ts, [], []).

split([], [], Acc) -> lists:reverse(Acc);
split([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split(T, [], [F | Acc]);
split([X | T], Cur, Acc) -> split(T, [X | Cur], Acc).

bin(M, V) -> bin(M, V, none).
bin(M, V, OnLoad) ->
    {ok, M, B} = compile:forms(forms(src(M, V, OnLoad)), []),
    B.

d(T) -> erlang:display(T).

%% The error reason of a call, without the stack trace.
err(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    basic(),
    errors(),
    group(),
    not_purged(),
    on_load_ok(),
    on_load_fail(),
    load_module(),
    delete_and_purge(),
    beamfile(),
    sync_logger().

basic() ->
    B = bin(t_clb_a, 1),
    P = erlang:prepare_loading(t_clb_a, B),
    d({is_ref, is_reference(P)}),
    d({loaded_before, erlang:module_loaded(t_clb_a)}),
    d({has_on_load, erlang:has_prepared_code_on_load(P)}),
    d({finish, erlang:finish_loading([P])}),
    d({loaded_after, erlang:module_loaded(t_clb_a), t_clb_a:v()}),
    %% Used prepared code is no prepared code any more.
    d({again, err(fun() -> erlang:finish_loading([P]) end)}),
    d({has_used, err(fun() -> erlang:has_prepared_code_on_load(P) end)}),
    d({empty, erlang:finish_loading([])}),
    d({md5, erlang:get_module_info(t_clb_a, md5) =:= t_clb_a:module_info(md5)}),
    d({info_keys, [K || {K, _} <- erlang:get_module_info(t_clb_a)]}),
    d({info_bad, err(fun() -> erlang:get_module_info(t_clb_a, nokey) end)}),
    d({preloaded, lists:member(erts_code_purger, erlang:pre_loaded())}).

errors() ->
    B = bin(t_clb_b, 1),
    d({not_atom, err(fun() -> erlang:prepare_loading("t_clb_b", B) end)}),
    d({not_bin, err(fun() -> erlang:prepare_loading(t_clb_b, [1, 2]) end)}),
    d({internal_not_bin, err(fun() -> erts_internal:prepare_loading(t_clb_b, foo) end)}),
    d({junk, erlang:prepare_loading(t_clb_b, <<"junk">>)}),
    d({short, erlang:prepare_loading(t_clb_b, binary:part(B, 0, 40))}),
    d({wrong_name, erlang:prepare_loading(t_clb_other, B)}),
    d({gzip, is_reference(erlang:prepare_loading(t_clb_b, zlib:gzip(B)))}),
    d({fl_not_list, err(fun() -> erlang:finish_loading(foo) end)}),
    d({fl_improper, err(fun() -> erlang:finish_loading([make_ref() | x]) end)}),
    d({fl_plain_ref, err(fun() -> erlang:finish_loading([make_ref()]) end)}),
    d({fl_atom, err(fun() -> erlang:finish_loading([t_clb_b]) end)}),
    d({has_plain_ref, err(fun() -> erlang:has_prepared_code_on_load(make_ref()) end)}),
    d({cof_none, err(fun() -> erlang:call_on_load_function(t_clb_b) end)}),
    d({fao_bad_bool, err(fun() -> erlang:finish_after_on_load(t_clb_b, maybe) end)}),
    d({fao_none, err(fun() -> erlang:finish_after_on_load(t_clb_b, true) end)}),
    d({still_unloaded, erlang:module_loaded(t_clb_b)}).

group() ->
    P1 = erlang:prepare_loading(t_clb_c, bin(t_clb_c, 1)),
    P2 = erlang:prepare_loading(t_clb_d, bin(t_clb_d, 1)),
    P3 = erlang:prepare_loading(t_clb_c, bin(t_clb_c, 2)),
    P4 = erlang:prepare_loading(t_clb_d, bin(t_clb_d, 2)),
    d({dup, erlang:finish_loading([P1, P2, P3, P4])}),
    d({dup_loaded, erlang:module_loaded(t_clb_c), erlang:module_loaded(t_clb_d)}),
    d({pair, erlang:finish_loading([P1, P2])}),
    d({pair_v, t_clb_c:v(), t_clb_d:v()}),
    OL = erlang:prepare_loading(t_clb_e, bin(t_clb_e, 1, "ok")),
    d({limit, err(fun() -> erlang:finish_loading([P3, OL]) end)}),
    d({limit_unloaded, erlang:module_loaded(t_clb_c), t_clb_c:v()}).

not_purged() ->
    {module, t_clb_f} = erlang:load_module(t_clb_f, bin(t_clb_f, 1)),
    {module, t_clb_f} = erlang:load_module(t_clb_f, bin(t_clb_f, 2)),
    d({old, erlang:check_old_code(t_clb_f), t_clb_f:v()}),
    P = erlang:prepare_loading(t_clb_f, bin(t_clb_f, 3)),
    Q = erlang:prepare_loading(t_clb_g, bin(t_clb_g, 3)),
    d({not_purged, erlang:finish_loading([Q, P])}),
    d({lm_not_purged, erlang:load_module(t_clb_f, bin(t_clb_f, 4))}),
    d({g_unloaded, erlang:module_loaded(t_clb_g)}),
    d({purge, erlang:purge_module(t_clb_f), erlang:check_old_code(t_clb_f)}),
    d({finish, erlang:finish_loading([Q, P]), t_clb_f:v(), t_clb_g:v()}),
    d({check_old_bad, err(fun() -> erlang:check_old_code("x") end)}).

%% What the code server does with an on_load module.
run_on_load(M) ->
    {Pid, Ref} = spawn_monitor(fun() -> exit(erlang:call_on_load_function(M)) end),
    receive {'DOWN', Ref, process, Pid, Res} -> Res end.

on_load_ok() ->
    {module, t_clb_h} = erlang:load_module(t_clb_h, bin(t_clb_h, 1)),
    P = erlang:prepare_loading(t_clb_h, bin(t_clb_h, 2, "ok")),
    d({has_on_load, erlang:has_prepared_code_on_load(P)}),
    d({finish, erlang:finish_loading([P])}),
    %% The previous version stays current until the function returned.
    d({waiting, erlang:module_loaded(t_clb_h), t_clb_h:v(), erlang:check_old_code(t_clb_h)}),
    d({result, run_on_load(t_clb_h)}),
    d({fao, erlang:finish_after_on_load(t_clb_h, true)}),
    d({done, erlang:module_loaded(t_clb_h), t_clb_h:v(), erlang:check_old_code(t_clb_h)}),
    d({fao_again, err(fun() -> erlang:finish_after_on_load(t_clb_h, true) end)}),
    true = erlang:purge_module(t_clb_h).

on_load_fail() ->
    P = erlang:prepare_loading(t_clb_i, bin(t_clb_i, 1, "failed")),
    d({finish, erlang:finish_loading([P])}),
    d({result, run_on_load(t_clb_i)}),
    %% As the code server does: through the purger, which purges it.
    d({fao, erts_code_purger:finish_after_on_load(t_clb_i, false)}),
    d({after_fail, erlang:module_loaded(t_clb_i), err(fun() -> t_clb_i:v() end)}),
    d({cof_after, err(fun() -> erlang:call_on_load_function(t_clb_i) end)}),
    %% A crashing on_load function.
    P2 = erlang:prepare_loading(t_clb_j, bin(t_clb_j, 1, "1 = 2")),
    d({finish2, erlang:finish_loading([P2])}),
    {Res, _} = run_on_load(t_clb_j),
    d({crash, Res}),
    d({fao2, erts_code_purger:finish_after_on_load(t_clb_j, false)}),
    d({after_crash, erlang:module_loaded(t_clb_j)}).

load_module() ->
    d({lm, erlang:load_module(t_clb_k, bin(t_clb_k, 1))}),
    d({lm_badfile, erlang:load_module(t_clb_k, <<"FOR1 bad">>)}),
    d({lm_not_bin, err(fun() -> erlang:load_module(t_clb_k, notbin) end)}),
    d({lm_not_atom, err(fun() -> erlang:load_module("k", bin(t_clb_k, 1)) end)}),
    d({lm_on_load, erlang:load_module(t_clb_l, bin(t_clb_l, 1, "ok"))}),
    d({lm_on_load_loaded, erlang:module_loaded(t_clb_l)}),
    d({lm_run, run_on_load(t_clb_l), erlang:finish_after_on_load(t_clb_l, true), t_clb_l:v()}).

delete_and_purge() ->
    d({del_never, erlang:delete_module(t_clb_never_loaded)}),
    d({del_bad, err(fun() -> erlang:delete_module(42) end)}),
    {module, t_clb_m} = erlang:load_module(t_clb_m, bin(t_clb_m, 1)),
    d({del, erlang:delete_module(t_clb_m), erlang:module_loaded(t_clb_m),
       erlang:check_old_code(t_clb_m)}),
    d({call_deleted, err(fun() -> t_clb_m:v() end)}),
    d({del_again, err(fun() -> erlang:delete_module(t_clb_m) end)}),
    d({purge, erlang:purge_module(t_clb_m)}),
    d({purge_none, err(fun() -> erlang:purge_module(t_clb_m) end)}),
    d({purge_bad, err(fun() -> erlang:purge_module("m") end)}),
    d({del_after_purge, erlang:delete_module(t_clb_m)}),
    d({purger, erts_code_purger:purge(t_clb_m), erts_code_purger:soft_purge(t_clb_m)}),
    d({internal_purge, err(fun() -> erts_internal:purge_module(t_clb_m, prepare) end)}),
    d({dirty, err(fun() -> erts_internal:check_dirty_process_code(self(), t_clb_m) end)}).

beamfile() ->
    B = bin(t_clb_n, 1),
    Code = erts_internal:beamfile_chunk(B, "Code"),
    {ok, {t_clb_n, [{"Code", Code2}]}} = beam_lib:chunks(B, ["Code"]),
    d({code_chunk, is_binary(Code), Code =:= Code2}),
    d({atoms, erts_internal:beamfile_chunk(B, "AtU8") =/= undefined}),
    d({missing, erts_internal:beamfile_chunk(B, "Nope")}),
    d({bad_id, err(fun() -> erts_internal:beamfile_chunk(B, "Cod") end)}),
    d({bad_id2, err(fun() -> erts_internal:beamfile_chunk(B, [67, 111, 100, 256]) end)}),
    d({bad_bin, err(fun() -> erts_internal:beamfile_chunk(foo, "Code") end)}),
    d({junk, erts_internal:beamfile_chunk(<<"FOR1", 0:32, "BEAM">>, "Code")}),
    d({truncated, erts_internal:beamfile_chunk(binary:part(B, 0, 30), "Code")}),
    {module, t_clb_n} = erlang:load_module(t_clb_n, B),
    d({md5, erts_internal:beamfile_module_md5(B) =:= t_clb_n:module_info(md5)}),
    d({md5_junk, erts_internal:beamfile_module_md5(<<"junk">>)}),
    d({md5_bad, err(fun() -> erts_internal:beamfile_module_md5(foo) end)}).

%% The loader's reports reach the logger process through erts' system
%% message dispatcher (a thread of its own: no Erlang call can wait for
%% it), then its handler writes them. Give the dispatcher time, then wait
%% for the logger and the handler; else `-s init stop` races with the
%% reports (on erl too: it loses some or all of them).
sync_logger() ->
    timer:sleep(100),
    _ = sys:get_state(logger),
    ok = logger_std_h:filesync(default).
