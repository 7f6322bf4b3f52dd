-module(t_purge_fun_info).
-export([main/0]).

%% fun_info/2 and fun_info_mfa/1 of local funs whose code is gone: the
%% name is [] (the module and arity stay) once the module's old code is
%% purged, and for a fun decoded before its module is loaded; the name
%% comes back when a version with the fun is loaded again. An old
%% (deleted, not yet purged) version still answers its name.
main() ->
    Bin = compile_mod(),
    cleanup(),
    {module, M} = code:load_binary(t_purge_fun_info_m, "nofile", Bin),
    F = M:adder(7),
    G = M:pair(),
    Ext = term_to_binary(F),
    info(loaded, [F, G]),
    true = erlang:delete_module(M),
    info(old_code, [F, G]),
    true = erlang:purge_module(M),
    info(purged, [F, G]),
    erlang:display({purged_call, shape(catch F(1))}),
    %% Decoded while the module is not loaded: no name either.
    D = binary_to_term(Ext),
    erlang:display({decoded_equal, D =:= F}),
    info(decoded, [D]),
    {module, M} = code:load_binary(t_purge_fun_info_m, "nofile", Bin),
    info(reloaded, [F, G, D]),
    erlang:display({reloaded_call, F(1), D(2), G(a)}),
    cleanup(),
    ok.

info(Tag, Funs) ->
    [erlang:display({Tag, erlang:fun_info(Fn, name), erlang:fun_info(Fn, module),
                     erlang:fun_info(Fn, arity), erlang:fun_info(Fn, index),
                     erlang:fun_info(Fn, type), erlang:fun_info(Fn, env),
                     erlang:fun_info_mfa(Fn)})
     || Fn <- Funs],
    ok.

shape({'EXIT', {undef, [{Fun, Args, _} | _]}}) when is_function(Fun) ->
    {undef, erlang:fun_info(Fun, module), Args};
shape({'EXIT', {Reason, _}}) -> {other, Reason};
shape(Other) -> {value, Other}.

cleanup() ->
    catch erlang:purge_module(t_purge_fun_info_m),
    catch erlang:delete_module(t_purge_fun_info_m),
    catch erlang:purge_module(t_purge_fun_info_m),
    ok.

compile_mod() ->
    Src = "-module(t_purge_fun_info_m).\n-export([adder/1, pair/0]).\n"
          "adder(N) -> fun(X) -> X + N end.\n"
          "pair() -> fun(X) -> {X, X} end.\n",
    {ok, Toks, _} = erl_scan:string(Src),
    Forms = split_forms(Toks, [], []),
    {ok, t_purge_fun_info_m, Bin} = compile:forms(Forms, [binary]),
    Bin.

split_forms([], [], Acc) -> lists:reverse(Acc);
split_forms([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split_forms(T, [], [F | Acc]);
split_forms([Tok | T], Cur, Acc) -> split_forms(T, [Tok | Cur], Acc).
