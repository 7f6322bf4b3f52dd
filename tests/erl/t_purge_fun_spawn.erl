-module(t_purge_fun_spawn).
-export([main/0]).

%% Processes started from a fun whose code is gone start like BEAM's, in
%% erlang:apply(Fun, []): the error handler loads the module (the process
%% runs) or raises undef; while a purge of the code is pending, the new
%% process waits in erts_code_purger:pending_purge_lambda/3.
main() ->
    Dir = filename:join("/tmp", "t_purge_fun_spawn_" ++ os:getpid()),
    ok = filelib:ensure_dir(filename:join(Dir, "x")),
    Bin = compile_mod(),
    cleanup(),
    {module, M} = code:load_binary(t_purge_fun_spawn_m, "nofile", Bin),
    Me = self(),
    F = M:tell(Me),
    true = erlang:delete_module(M),
    true = erlang:purge_module(M),
    %% Not loadable: undef.
    {P1, R1} = spawn_monitor(F),
    erlang:display({unloadable, down(P1, R1)}),
    %% Loadable from the path: the process runs the fun.
    ok = file:write_file(filename:join(Dir, "t_purge_fun_spawn_m.beam"), Bin),
    true = code:add_patha(Dir),
    {P2, R2} = spawn_monitor(F),
    erlang:display({loadable, receive {told, P2} -> told after 2000 -> timeout end,
                    down(P2, R2)}),
    %% Pending purge: the new process waits, then runs the old code.
    true = erlang:delete_module(M),
    Ref = make_ref(),
    erts_code_purger ! {test_purge, M, self(), false, Ref},
    receive {started, Ref} -> ok end,
    {P3, R3} = spawn_monitor(F),
    erlang:display({pending, wait_suspended(P3, 100)}),
    erts_code_purger ! {continue, Ref},
    receive {continued, Ref} -> ok end,
    erts_code_purger ! {complete, Ref},
    Res = receive {test_purge, X, Ref} -> X end,
    erlang:display({pending_done, Res,
                    receive {told, P3} -> told after 2000 -> timeout end, down(P3, R3)}),
    cleanup(),
    _ = code:del_path(Dir),
    ok = file:delete(filename:join(Dir, "t_purge_fun_spawn_m.beam")),
    ok = file:del_dir(Dir),
    ok.

down(P, R) ->
    receive
        {'DOWN', R, process, P, {undef, [{Fun, Args, _} | _]}} when is_function(Fun) ->
            {undef, erlang:fun_info(Fun, module), Args};
        {'DOWN', R, process, P, Why} -> Why
    after 2000 -> timeout
    end.

wait_suspended(P, 0) ->
    process_info(P, [status, current_function, initial_call]);
wait_suspended(P, N) ->
    case process_info(P, status) of
        {status, suspended} ->
            process_info(P, [status, current_function, initial_call]);
        _ ->
            receive after 20 -> ok end,
            wait_suspended(P, N - 1)
    end.

cleanup() ->
    catch erlang:purge_module(t_purge_fun_spawn_m),
    catch erlang:delete_module(t_purge_fun_spawn_m),
    catch erlang:purge_module(t_purge_fun_spawn_m),
    ok.

compile_mod() ->
    Src = "-module(t_purge_fun_spawn_m).\n-export([tell/1]).\n"
          "tell(P) -> fun() -> P ! {told, self()} end.\n",
    {ok, Toks, _} = erl_scan:string(Src),
    Forms = split_forms(Toks, [], []),
    {ok, t_purge_fun_spawn_m, Bin} = compile:forms(Forms, [binary]),
    Bin.

split_forms([], [], Acc) -> lists:reverse(Acc);
split_forms([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split_forms(T, [], [F | Acc]);
split_forms([Tok | T], Cur, Acc) -> split_forms(T, [Tok | Cur], Acc).
