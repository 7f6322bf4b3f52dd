-module(t_trace_sensitive).
-export([main/0, exported/1]).
%% process_flag(sensitive, true) silences every trace event of the
%% process (send, 'receive', procs, call, meta, running, gc) while its
%% flags and tracer stay set; pids are replaced by names.

norm(T, Names) when is_pid(T) ->
    case lists:keyfind(T, 1, Names) of {_, N} -> N; false -> other_pid end;
norm(T, _Names) when is_reference(T) -> ref;
norm(T, Names) when is_tuple(T) -> list_to_tuple(norm(tuple_to_list(T), Names));
norm([H | T], Names) -> [norm(H, Names) | norm(T, Names)];
norm(T, _) -> T.

idle() -> receive after infinity -> ok end.

wait_trace(Pid) ->
    Ref = erlang:trace_delivered(Pid),
    receive {trace_delivered, Pid, Ref} -> ok end.

show(Case, Tracer, Names) ->
    {messages, Ms} = process_info(Tracer, messages),
    erlang:display({Case, length(Ms)}),
    [erlang:display(norm(M, Names)) || M <- Ms],
    unlink(Tracer),
    exit(Tracer, kill).

%% The flags stay when the process turns sensitive, and clearing them all
%% drops the tracer but not the sensitivity.
stickiness() ->
    Tracer = spawn_link(fun idle/0),
    false = process_flag(sensitive, true),
    Flags = lists:sort([send, 'receive', procs, call, running, garbage_collection,
                        set_on_spawn, set_on_first_spawn, set_on_link]),
    [1 = erlang:trace(self(), true, [F, {tracer, Tracer}]) || F <- Flags],
    erlang:display(lists:sort(element(2, erlang:trace_info(self(), flags)))),
    self() ! hello,
    receive hello -> ok end,
    spawn(fun() -> ok end),
    erlang:garbage_collect(),
    erlang:yield(),
    1 = erlang:trace(self(), false, [{tracer, Tracer} | Flags]),
    erlang:display(erlang:trace_info(self(), tracer)),
    erlang:display(process_flag(sensitive, false)),
    show(stickiness, Tracer, [{self(), self}, {Tracer, tracer}]).

send_trace() ->
    {Dead, Mref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Mref, _, _, _} -> ok end,
    Tracer = spawn_link(fun idle/0),
    Sink = spawn_link(fun idle/0),
    1 = erlang:trace(self(), true, [send, {tracer, Tracer}]),
    Dead ! before,
    Sink ! before,
    false = process_flag(sensitive, true),
    Sink ! {blurf, lists:seq(1, 5)},
    true = process_flag(sensitive, true),
    Dead ! forget_me,
    true = process_flag(sensitive, false),
    Sink ! after1,
    Dead ! after2,
    1 = erlang:trace(self(), false, [send]),
    wait_trace(self()),
    unlink(Sink), exit(Sink, kill),
    show(send_trace, Tracer, [{self(), self}, {Tracer, tracer}, {Sink, sink}, {Dead, dead}]).

recv_sender(Pid) ->
    receive N -> Pid ! {n, N} end,
    recv_sender(Pid).

recv_trace() ->
    Tracer = spawn_link(fun idle/0),
    Self = self(),
    Sender = spawn_link(fun() -> recv_sender(Self) end),
    1 = erlang:trace(self(), true, ['receive', {tracer, Tracer}]),
    Sender ! 1,
    receive {n, 1} -> ok end,
    false = process_flag(sensitive, true),
    Sender ! 2,
    receive {n, 2} -> ok end,
    self() ! to_self,
    receive to_self -> ok end,
    true = process_flag(sensitive, false),
    Sender ! 3,
    receive {n, 3} -> ok end,
    1 = erlang:trace(self(), false, ['receive']),
    wait_trace(self()),
    unlink(Sender), exit(Sender, kill),
    show(recv_trace, Tracer, [{self(), self}, {Tracer, tracer}, {Sender, sender}]).

proc_trace() ->
    Self = self(),
    Tracer = spawn_link(fun idle/0),
    1 = erlang:trace(self(), true, [procs, {tracer, Tracer}]),
    false = process_flag(sensitive, true),
    spawn(fun() -> ok end),
    register(t_trace_sensitive_a, self()),
    unregister(t_trace_sensitive_a),
    link(Tracer),
    unlink(Tracer),
    {_, M1} = spawn_monitor(fun() -> link(Self), unlink(Self) end),
    receive {'DOWN', M1, _, _, _} -> ok end,
    true = process_flag(sensitive, false),
    Dead = spawn(fun() -> ok end),
    register(t_trace_sensitive_b, self()),
    unregister(t_trace_sensitive_b),
    {Linker, M2} = spawn_monitor(fun() -> link(Self), unlink(Self) end),
    receive {'DOWN', M2, _, _, _} -> ok end,
    1 = erlang:trace(self(), false, [procs]),
    wait_trace(self()),
    show(proc_trace, Tracer, [{self(), self}, {Tracer, tracer}, {Dead, dead},
                              {Linker, linker}]).

local(A) -> {ok, A}.
yielder() -> erlang:yield(), ok.
exported(X) -> X + 1.
id(X) -> X.

call_trace() ->
    Tracer = spawn_link(fun idle/0),
    1 = erlang:trace(self(), true, [call, {tracer, Tracer}]),
    1 = erlang:trace_pattern({?MODULE, exported, 1}, true, [global]),
    1 = erlang:trace_pattern({erlang, list_to_binary, 1}, true, [global]),
    _ = erlang:trace_pattern({?MODULE, local, 1}, [{'_', [], [{return_trace}]}], [local]),
    _ = erlang:trace_pattern({?MODULE, id, 1}, true, [local]),
    false = process_flag(sensitive, true),
    {ok, 42} = local(42),
    7 = ?MODULE:exported(6),
    <<7, 8>> = list_to_binary(id([7, 8])),
    true = process_flag(sensitive, false),
    {ok, {a, b}} = local({a, b}),
    1 = ?MODULE:exported(0),
    <<1, 2, 3>> = list_to_binary(id([1, 2, 3])),
    erlang:trace_pattern({'_', '_', '_'}, false, [local]),
    erlang:trace_pattern({'_', '_', '_'}, false, [global]),
    1 = erlang:trace(self(), false, [call]),
    wait_trace(self()),
    show(call_trace, Tracer, [{self(), self}, {Tracer, tracer}]).

meta_trace() ->
    Tracer = spawn_link(fun idle/0),
    _ = erlang:trace_pattern({?MODULE, local, 1}, [{'_', [], [{return_trace}]}],
                             [{meta, Tracer}]),
    1 = erlang:trace_pattern({?MODULE, exported, 1}, true, [{meta, Tracer}]),
    1 = erlang:trace_pattern({erlang, list_to_binary, 1}, true, [{meta, Tracer}]),
    false = process_flag(sensitive, true),
    {ok, blurf} = local(blurf),
    100 = ?MODULE:exported(99),
    <<8, 9>> = list_to_binary(id([8, 9])),
    true = process_flag(sensitive, false),
    {ok, {x, y}} = local({x, y}),
    1 = ?MODULE:exported(0),
    <<10>> = list_to_binary(id([10])),
    erlang:trace_pattern({'_', '_', '_'}, false, [meta]),
    wait_trace(self()),
    {messages, Ms} = process_info(Tracer, messages),
    erlang:display({meta_trace, length(Ms)}),
    [erlang:display(norm(setelement(tuple_size(M), M, ts), [{self(), self}]))
     || M <- Ms],
    unlink(Tracer),
    exit(Tracer, kill).

gc_trace() ->
    Tracer = spawn_link(fun idle/0),
    false = process_flag(sensitive, true),
    1 = erlang:trace(self(), true, [garbage_collection, {tracer, Tracer}]),
    erlang:garbage_collect(), erlang:garbage_collect(),
    true = process_flag(sensitive, false),
    erlang:garbage_collect(),
    1 = erlang:trace(self(), false, [garbage_collection, {tracer, Tracer}]),
    wait_trace(self()),
    {messages, Ms} = process_info(Tracer, messages),
    erlang:display({gc_trace, [element(3, M) || M <- Ms]}),
    unlink(Tracer),
    exit(Tracer, kill).

%% Scheduling events: none while sensitive; turning sensitivity off ends
%% the slice (BEAM bumps the reductions), which is reported.
running_trace() ->
    Tracer = spawn_link(fun idle/0),
    false = process_flag(sensitive, true),
    1 = erlang:trace(self(), true, [running, {tracer, Tracer}]),
    erlang:yield(), erlang:yield(), erlang:yield(), erlang:yield(),
    true = process_flag(sensitive, false),
    erlang:yield(),
    yielder(),
    false = process_flag(sensitive, false),
    {ok, 1} = local(1),
    1 = erlang:trace(self(), false, [running, {tracer, Tracer}]),
    wait_trace(self()),
    show(running_trace, Tracer, [{self(), self}, {Tracer, tracer}]).

%% A link's exit signal that does not end the process removes the link:
%% getting_unlinked (a normal exit, and a trapped one with 'receive').
unlinked_by_exit() ->
    Tracer = spawn_link(fun idle/0),
    1 = erlang:trace(self(), true, [procs, 'receive', {tracer, Tracer}]),
    A = spawn_link(fun() -> ok end),
    receive after 20 -> ok end,
    process_flag(trap_exit, true),
    B = spawn_link(fun() -> exit(bye) end),
    receive {'EXIT', B, bye} -> ok end,
    process_flag(trap_exit, false),
    1 = erlang:trace(self(), false, [procs, 'receive']),
    wait_trace(self()),
    show(unlinked_by_exit, Tracer, [{self(), self}, {Tracer, tracer}, {A, a}, {B, b}]).

%% Flags inherited on spawn still pass to the child of a sensitive
%% process, which is not sensitive itself.
inherit() ->
    Tracer = spawn_link(fun idle/0),
    1 = erlang:trace(self(), true, [send, set_on_spawn, {tracer, Tracer}]),
    false = process_flag(sensitive, true),
    Self = self(),
    Child = spawn(fun() -> Self ! {child, process_flag(sensitive, false)} end),
    receive {child, _} = C -> erlang:display(C) end,
    true = process_flag(sensitive, false),
    1 = erlang:trace(self(), false, [send, set_on_spawn]),
    wait_trace(Child),
    show(inherit, Tracer, [{self(), self}, {Tracer, tracer}, {Child, child}]).

main() ->
    [begin
         P = spawn(fun() -> F() end),
         M = monitor(process, P),
         receive {'DOWN', M, _, _, R} -> erlang:display({done, R}) end
     end
     || F <- [fun stickiness/0, fun send_trace/0, fun recv_trace/0, fun proc_trace/0,
              fun call_trace/0, fun meta_trace/0, fun gc_trace/0, fun running_trace/0, fun unlinked_by_exit/0, fun inherit/0]],
    ok.
