%% Old code survives the loading of a new version that has an -on_load
%% function: a process still running the old (deleted) version keeps
%% soft_purge from succeeding, whether the on_load function succeeds or
%% fails (kernel's code_SUITE:on_load_deleted).
-module(t_on_load_old_code).
-export([main/0]).

-define(M, t_on_load_old_code_m).

main() ->
    Ok = ["-module(t_on_load_old_code_m).", "-on_load(f/0).", "f() -> ok."],
    Fail = ["-module(t_on_load_old_code_m).", "-on_load(f/0).", "f() -> fail."],
    run(ok, fun() -> erlang:display(code:load_binary(?M, "", compile(Ok))) end),
    run(ok_again, fun() -> erlang:display(code:load_binary(?M, "", compile(Ok))) end),
    run(fail, fun() -> erlang:display(code:load_binary(?M, "", compile(Fail))) end),
    run(fail_again, fun() -> erlang:display(code:load_binary(?M, "", compile(Fail))) end),
    ok.

run(Name, Reload) ->
    erlang:display({Name, erlang:check_old_code(?M)}),
    Self = self(),
    Code = compile(["-module(t_on_load_old_code_m).", "-export([f/1]).",
                    "f(Parent) -> register(t_on_load_old_code_m, self()),"
                    " Parent ! started, receive _ -> ok end."]),
    spawn(fun() ->
                  {module, ?M} = code:load_binary(?M, "", Code),
                  ?M:f(Self)
          end),
    receive started -> ok end,
    erlang:display({deleted, code:delete(?M), erlang:check_old_code(?M)}),
    Reload(),
    erlang:display({soft_purge_while_running, code:soft_purge(?M)}),
    erlang:display({is_loaded, code:is_loaded(?M) =/= false}),
    Ref = monitor(process, ?M),
    ?M ! stop,
    receive {'DOWN', Ref, _, _, _} -> ok end,
    erlang:display({soft_purge_after, code:soft_purge(?M)}),
    erlang:display({delete_again, code:delete(?M)}),
    erlang:display({purge, code:purge(?M)}),
    ok.


compile(Lines) ->
    Forms = [form(L) || L <- Lines],
    {ok, _, Bin} = compile:forms(Forms, [binary, report_errors]),
    Bin.

form(Line) ->
    {ok, Toks, _} = erl_scan:string(Line),
    {ok, F} = erl_parse:parse_form(Toks),
    F.
