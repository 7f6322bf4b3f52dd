-module(t_trace_global_off).
-export([main/0, wrap/1]).

%% Turning on any breakpoint (local, meta, call_count, call_time) turns
%% global call tracing off; erlang:delete_module/1 clears a module's
%% patterns; cpu_timestamp only with `all`, and then timestamps are CPU
%% time.

wrap(X) -> X.

info() -> erlang:trace_info({?MODULE, wrap, 1}, traced).

forms() ->
    [{attribute, 1, module, t_trace_global_off_dyn},
     {attribute, 2, export, [{version, 0}, {make_fun, 0}]},
     {function, 3, version, 0, [{clause, 3, [], [], [{integer, 3, 2}]}]},
     {function, 4, local_version, 0, [{clause, 4, [], [], [{integer, 4, 2}]}]},
     {function, 5, make_fun, 0,
      [{clause, 5, [], [],
        [{'fun', 5, {clauses, [{clause, 5, [], [], [{call, 5, {atom, 5, local_version}, []}]}]}}]}]}].

collect() ->
    receive
        {trace, _, call, MFA} -> [MFA | collect()];
        {trace_ts, _, call, MFA, _} -> [MFA | collect()]
    after 100 -> []
    end.

main() ->
    [begin
         1 = erlang:trace_pattern({?MODULE, wrap, 1}, true, [global]),
         A = info(),
         1 = erlang:trace_pattern({?MODULE, wrap, 1}, true, Flags),
         B = info(),
         erlang:display({Flags, A, B, erlang:trace_info({?MODULE, wrap, 1}, all)
                                      =/= {all, false}}),
         erlang:trace_pattern({?MODULE, wrap, 1}, false, Flags)
     end || Flags <- [[local], [meta], [call_count], [call_time], [call_count, call_time]]],
    1 = erlang:trace_pattern({?MODULE, wrap, 1}, true, [global]),
    1 = erlang:trace_pattern({?MODULE, wrap, 1}, pause, [call_count]),
    erlang:display({pause, info()}),
    erlang:trace_pattern({?MODULE, wrap, 1}, false, [call_count]),
    erlang:trace_pattern({?MODULE, wrap, 1}, false, [global]),
    %% delete_module clears the module's patterns.
    {ok, Mod, Bin} = compile:forms(forms()),
    {module, Mod} = code:load_binary(Mod, "dyn.erl", Bin),
    Self = self(),
    P = spawn(fun Loop() -> receive {F, From} -> From ! {r, catch F()}, Loop() end end),
    erlang:trace(P, true, [call]),
    erlang:display(erlang:trace_pattern({Mod, '_', '_'}, true, [global])),
    erlang:display(erlang:trace_pattern({Mod, local_version, 0}, true, [local])),
    Call = fun(F) -> P ! {F, Self}, receive {r, R} -> R end end,
    Fun = Mod:make_fun(),
    erlang:display({Call(fun() -> Mod:version() end), Call(Fun), collect()}),
    true = erlang:delete_module(Mod),
    erlang:display({erlang:trace_info({Mod, local_version, 0}, traced),
                    erlang:trace_info({Mod, version, 0}, traced)}),
    {'EXIT', {undef, _}} = Call(fun() -> Mod:version() end),
    erlang:display({Call(Fun), collect()}),
    %% cpu_timestamp
    {'EXIT', {R1, _}} = (catch erlang:trace(self(), true, [cpu_timestamp])),
    {'EXIT', {R2, _}} = (catch erlang:trace(new, true, [cpu_timestamp])),
    erlang:display({R1, R2}),
    erlang:display(is_integer(erlang:trace(all, true, [cpu_timestamp]))),
    erlang:trace(P, true, [timestamp]),
    1 = erlang:trace_pattern({?MODULE, wrap, 1}, true, [global]),
    Call(fun() -> ?MODULE:wrap(1) end),
    Ts = receive {trace_ts, P, call, _, T} -> T end,
    erlang:display(timer:now_diff(Ts, {0, 0, 0}) < 4 * 3600 * 1000000),
    erlang:display(is_integer(erlang:trace(all, false, [cpu_timestamp]))),
    Call(fun() -> ?MODULE:wrap(2) end),
    Ts2 = receive {trace_ts, P, call, _, T2} -> T2 end,
    erlang:display(timer:now_diff(Ts2, {0, 0, 0}) > 4 * 3600 * 1000000),
    ok.
