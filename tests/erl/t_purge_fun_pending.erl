-module(t_purge_fun_pending).
-export([main/0]).

%% BEAM's pending-purge protocol for funs, driven through
%% erts_code_purger's test_purge hooks: between `prepare` and the end of
%% the purge, a call of a fun of the old code suspends its caller in
%% erts_code_purger:pending_purge_lambda/3 and fun_info(F, name) is [];
%% when the purge ends the callers go on: to the old code after an
%% aborted (soft) purge, through error_handler:undefined_lambda/3 after a
%% completed one (undef when the module cannot be loaded, the new code
%% when it can).
main() ->
    Dir = filename:join("/tmp", "t_purge_fun_pending_" ++ os:getpid()),
    ok = filelib:ensure_dir(filename:join(Dir, "x")),
    Bin = compile_mod(),
    erlang:display(run(Dir, Bin, gone)),
    erlang:display(run(Dir, Bin, reload)),
    erlang:display(run(Dir, Bin, there)),
    erlang:display(killed_waiter(Bin)),
    erlang:display(no_old_code()),
    _ = code:del_path(Dir),
    _ = file:delete(filename:join(Dir, "t_purge_fun_pending_m.beam")),
    ok = file:del_dir(Dir),
    ok.

run(Dir, Bin, Type) ->
    cleanup(),
    {module, M} = code:load_binary(t_purge_fun_pending_m, "nofile", Bin),
    F = M:adder(100),
    G = M:runner(),
    Me = self(),
    %% A process inside the code (its frame returns there) makes a soft
    %% purge fail.
    Holder = spawn(fun() -> G(fun() -> Me ! {self(), inside}, receive go -> ok end end) end),
    receive {Holder, inside} -> ok end,
    case Type of
        reload ->
            ok = file:write_file(filename:join(Dir, "t_purge_fun_pending_m.beam"), Bin),
            true = code:add_patha(Dir);
        _ ->
            _ = code:del_path(Dir),
            ok
    end,
    HM = monitor(process, Holder),
    true = erlang:delete_module(M),
    OldName = erlang:fun_info(F, name),
    Ref = start_purge(M, Type =/= there),
    Pending = {erlang:fun_info(F, name), erlang:fun_info_mfa(F),
               erlang:fun_info(F, module), erlang:fun_info(F, arity)},
    Callers = [spawn_monitor(fun() -> exit({result, catch F(N)}) end) || N <- [1, 2, 3]],
    States = [wait_suspended(P) || {P, _} <- Callers],
    Res = complete_purge(Ref),
    case Type of
        there -> Holder ! go;
        _ -> ok
    end,
    HolderEnd = receive {'DOWN', HM, process, _, Why} -> Why after 2000 -> timeout end,
    Outs = [receive {'DOWN', MR, process, P, R} -> shape(R) after 2000 -> timeout end
            || {P, MR} <- Callers],
    After = erlang:fun_info(F, name),
    cleanup(),
    {Type, OldName, Pending, States, Res, HolderEnd, Outs, After}.

%% A caller killed while it waits: the purge still ends normally.
killed_waiter(Bin) ->
    cleanup(),
    _ = code:del_path("/nonexistent"),
    {module, M} = code:load_binary(t_purge_fun_pending_m, "nofile", Bin),
    F = M:adder(1),
    true = erlang:delete_module(M),
    Ref = start_purge(M, true),
    {P, MR} = spawn_monitor(fun() -> F(1) end),
    S = wait_suspended(P),
    exit(P, kill),
    Down = receive {'DOWN', MR, process, P, R} -> R after 2000 -> timeout end,
    Res = complete_purge(Ref),
    cleanup(),
    {killed_waiter, S, Down, Res}.

%% No old code: prepare says false, nothing waits.
no_old_code() ->
    cleanup(),
    Ref = start_purge(t_purge_fun_pending_none, true),
    {no_old_code, complete_purge(Ref)}.

wait_suspended(P) ->
    wait_suspended(P, 100).
wait_suspended(P, 0) ->
    process_info(P, [status, current_function]);
wait_suspended(P, N) ->
    case process_info(P, status) of
        {status, suspended} ->
            process_info(P, [status, current_function]);
        _ ->
            receive after 20 -> ok end,
            wait_suspended(P, N - 1)
    end.

shape({result, {'EXIT', {undef, [{Fun, Args, _} | _]}}}) when is_function(Fun) ->
    {undef, erlang:fun_info(Fun, module), Args};
shape({result, {'EXIT', {{badfun, Fun}, _}}}) when is_function(Fun) ->
    {badfun, erlang:fun_info(Fun, module)};
shape(Other) -> Other.

start_purge(Mod, Hard) ->
    Ref = make_ref(),
    erts_code_purger ! {test_purge, Mod, self(), Hard, Ref},
    receive {started, Ref} -> ok end,
    erts_code_purger ! {continue, Ref},
    receive {continued, Ref} -> ok end,
    Ref.

complete_purge(Ref) ->
    erts_code_purger ! {complete, Ref},
    receive {test_purge, Res, Ref} -> Res end.

cleanup() ->
    catch erlang:purge_module(t_purge_fun_pending_m),
    catch erlang:delete_module(t_purge_fun_pending_m),
    catch erlang:purge_module(t_purge_fun_pending_m),
    ok.

compile_mod() ->
    Src = "-module(t_purge_fun_pending_m).\n-export([adder/1, runner/0]).\n"
          "adder(N) -> fun(X) -> X + N end.\n"
          "runner() -> fun(F) -> F(), ok end.\n",
    {ok, Toks, _} = erl_scan:string(Src),
    Forms = split_forms(Toks, [], []),
    {ok, t_purge_fun_pending_m, Bin} = compile:forms(Forms, [binary]),
    Bin.

split_forms([], [], Acc) -> lists:reverse(Acc);
split_forms([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split_forms(T, [], [F | Acc]);
split_forms([Tok | T], Cur, Acc) -> split_forms(T, [Tok | Cur], Acc).
