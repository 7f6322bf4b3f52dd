-module(t_trace_ms_action).
%% The match-spec action {trace, [Pid,] Disable, Enable}: flags and
%% tracer changed from a trace pattern, its result, a dead tracer.
-export([main/0, f1/1, f2/2, f3/1]).

f1(X) -> X.
f2(X, Y) -> {X, Y}.
f3(X) -> X.

fwd(Self, Tag) -> receive M -> Self ! {fwd, Tag, M}, fwd(Self, Tag) end.

%% Each tracer's messages in order (the two forwarders' interleave).
collect(Who) ->
    receive
        {fwd, Who, {trace, _, Tag, A}} -> [{Tag, A} | collect(Who)];
        {fwd, Who, {trace, _, Tag, A, B}} -> [{Tag, A, B} | collect(Who)];
        {fwd, Who, {trace_ts, _, Tag, A, _}} -> [{ts, Tag, A} | collect(Who)];
        {fwd, Who, {trace_ts, _, Tag, A, B, _}} -> [{ts, Tag, A, B} | collect(Who)]
    after 100 -> []
    end.

collect() ->
    {collect(tracer), collect(meta)}.

flags() ->
    {flags, F} = erlang:trace_info(self(), flags),
    {tracer, T} = erlang:trace_info(self(), tracer),
    {lists:sort(F), is_pid(T)}.

main() ->
    Self = self(),
    {Tracer, MRef} = spawn_monitor(fun() -> fwd(Self, tracer) end),
    Meta = spawn_link(fun() -> fwd(Self, meta) end),
    %% {message, Result of trace}: shows what the action returned
    erlang:trace_pattern({?MODULE, f1, '_'},
                         [{'_', [], [{message, {trace, [], [call, {const, {tracer, Tracer}}]}}]}],
                         [{meta, Meta}]),
    erlang:trace_pattern({?MODULE, f2, '_'}, []),
    erlang:trace_pattern({?MODULE, f3, '_'},
                         [{[off], [], [{message, {trace, [call], []}}]},
                          {[arity], [], [{message, {trace, [], [arity]}}]},
                          {[bad], [], [{message, {trace, [nosuchflag], []}}]},
                          {[cpu], [], [{message, {trace, [], [cpu_timestamp]}}]},
                          {[other], [], [{message, {trace, nobody_here, [], [send]}}]}],
                         [{meta, Meta}]),
    erlang:display(flags()),
    ?MODULE:f2(1, 2),
    ?MODULE:f1(1),
    erlang:display(flags()),
    ?MODULE:f1(2),
    ?MODULE:f2(2, 3),
    ?MODULE:f3(bad),
    ?MODULE:f3(cpu),
    ?MODULE:f3(other),
    ?MODULE:f3(arity),
    erlang:display(flags()),
    ?MODULE:f2(3, 4),
    ?MODULE:f3(off),
    erlang:display(flags()),
    ?MODULE:f2(4, 5),
    erlang:display(collect()),
    %% a dead tracer: the action fails and changes nothing
    ?MODULE:f1(3),
    exit(Tracer, stop),
    receive {'DOWN', MRef, _, _, _} -> ok end,
    ?MODULE:f1(4),
    erlang:display(collect()),
    erlang:trace_pattern({'_', '_', '_'}, false, [meta]),
    erlang:trace_pattern({'_', '_', '_'}, false, []),
    ok.
