-module(t_purge_fun).
-export([main/0]).

%% Calling a fun whose code was purged: with no current version of its
%% module, the error handler is asked (error_handler:undefined_lambda/3)
%% to load the module and call the fun again; it fails with undef when
%% the module cannot be loaded, and works when the loaded module has the
%% fun. With a current version that lacks the fun: badfun.
main() ->
    Dir = filename:join("/tmp", "t_purge_fun_" ++ os:getpid()),
    ok = filelib:ensure_dir(filename:join(Dir, "x")),
    Bin = compile_mod(1),
    {module, t_purge_fun_m} = code:load_binary(t_purge_fun_m, "nofile", Bin),
    F = t_purge_fun_m:mk(10),
    erlang:display({before, F(1)}),
    true = code:delete(t_purge_fun_m),
    erlang:display({old_code, F(2)}),
    false = code:purge(t_purge_fun_m),
    erlang:display({gone, shape(catch F(3))}),
    %% Loadable from the path: the error handler loads it, the call works.
    ok = file:write_file(filename:join(Dir, "t_purge_fun_m.beam"), Bin),
    true = code:add_patha(Dir),
    erlang:display({reloaded, F(4), code:is_loaded(t_purge_fun_m) =/= false}),
    %% A current version without the fun: badfun.
    true = code:delete(t_purge_fun_m),
    false = code:purge(t_purge_fun_m),
    {module, t_purge_fun_m} = code:load_binary(t_purge_fun_m, "nofile", compile_mod(2)),
    erlang:display({other_version, shape(catch F(5))}),
    true = code:del_path(Dir),
    ok = file:delete(filename:join(Dir, "t_purge_fun_m.beam")),
    ok = file:del_dir(Dir),
    ok.

shape({'EXIT', {undef, [{Fun, Args, _} | _]}}) when is_function(Fun) ->
    {undef, erlang:fun_info(Fun, module), Args};
shape({'EXIT', {{badfun, Fun}, _}}) when is_function(Fun) ->
    {badfun, erlang:fun_info(Fun, module)};
shape({'EXIT', {Reason, _}}) -> {other, Reason};
shape(Other) -> {value, Other}.

%% Version 1 has the fun; version 2 has another one in its place.
compile_mod(V) ->
    Body = case V of
               1 -> "mk(N) -> fun(X) -> X + N end.";
               2 -> "mk(N) -> fun(X, Y) -> {X, Y, N} end."
           end,
    Src = "-module(t_purge_fun_m).\n-export([mk/1]).\n" ++ Body ++ "\n",
    {ok, Toks, _} = erl_scan:string(Src),
    Forms = split_forms(Toks, [], []),
    {ok, t_purge_fun_m, Bin} = compile:forms(Forms, [binary]),
    Bin.

split_forms([], [], Acc) -> lists:reverse(Acc);
split_forms([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split_forms(T, [], [F | Acc]);
split_forms([Tok | T], Cur, Acc) -> split_forms(T, [Tok | Cur], Acc).
