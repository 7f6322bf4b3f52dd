%% trace_pattern(on_load, ..): the default call-trace pattern of modules
%% loaded later, and trace patterns ending with the code they were set on
%% (a reload, even one whose on_load function fails, leaves the module
%% untraced). kernel's code_SUITE:on_load_trace_on_load.
-module(t_trace_on_load).
-export([main/0]).

-define(M, t_trace_on_load_m).

main() ->
    show_info(),
    Papa = self(),
    Tracer = spawn_link(fun F() -> receive M -> Papa ! {traced, M} end, F() end),
    erlang:trace(self(), true, [call, {tracer, Tracer}]),

    %% A module loaded before the default is set: not traced.
    load(plain(1)),
    1 = ?M:a(),
    erlang:display({before, flush()}),

    erlang:display(erlang:trace_pattern(on_load, true, [])),
    show_info(),
    load(plain(2)),
    2 = ?M:a(),
    3 = ?M:b(2),
    erlang:display({default_global, flush()}),
    erlang:display(erlang:trace_info({?M, a, 0}, traced)),

    %% The default applies to the version an on_load function made current.
    {module, ?M} = load(with_on_load(ok)),
    10 = ?M:c(),
    erlang:display({after_on_load, flush()}),

    %% Patterns set on the current code go with it when new code is loaded,
    %% even when its on_load function fails (the current code stays).
    erlang:display(erlang:trace_pattern(on_load, false, [])),
    erlang:display(erlang:trace_pattern({?M, '_', '_'}, true)),
    {error, on_load_failure} = load(with_on_load(fail)),
    10 = ?M:c(),
    erlang:display({after_failed_load, flush()}),
    erlang:display(erlang:trace_info({?M, c, 0}, traced)),
    erlang:display(erlang:trace_pattern({?M, '_', '_'}, true)),
    load(plain(3)),
    3 = ?M:a(),
    erlang:display({after_reload, flush()}),
    erlang:display(erlang:trace_info({?M, a, 0}, traced)),

    %% A local default with a match spec.
    erlang:display(erlang:trace_pattern(on_load, [{['$1'], [{'>', '$1', 5}], []}], [local])),
    show_info(),
    load(plain(4)),
    5 = ?M:b(4),
    11 = ?M:b(10),
    erlang:display({default_local, flush()}),
    erlang:display(erlang:trace_pattern(on_load, false, [local])),
    show_info(),
    erlang:display(catch erlang:trace_info(on_load, bad)),
    erlang:display(catch erlang:trace_pattern(on_load, [{bad}], [])),
    erlang:trace(self(), false, [call]),
    unlink(Tracer),
    exit(Tracer, kill),
    ok.

show_info() ->
    erlang:display([erlang:trace_info(on_load, K)
                    || K <- [traced, match_spec, meta, call_count, call_time, all]]).

plain(N) ->
    ["-module(t_trace_on_load_m).", "-export([a/0, b/1]).",
     "a() -> " ++ integer_to_list(N) ++ ".", "b(X) -> inc(X).", "inc(X) -> X + 1."].

with_on_load(Result) ->
    ["-module(t_trace_on_load_m).", "-export([c/0]).", "-on_load(f/0).",
     "f() -> " ++ atom_to_list(Result) ++ ".", "c() -> 10."].

load(Lines) ->
    code:purge(?M),
    Forms = [begin
                 {ok, Toks, _} = erl_scan:string(L),
                 {ok, F} = erl_parse:parse_form(Toks),
                 F
             end || L <- Lines],
    {ok, ?M, Bin} = compile:forms(Forms, [binary]),
    code:load_binary(?M, "", Bin).

flush() ->
    receive {traced, M} -> [strip(M) | flush()]
    after 100 -> []
    end.

strip({trace, _Pid, call, MFA}) -> MFA;
strip(Other) -> Other.
