-module(t_pinfo_trace_item).
-export([main/0]).

%% process_info items trace and last_calls, as BEAM's values.
main() ->
    erlang:display(process_info(self(), trace)),
    erlang:display(process_info(self(), last_calls)),
    Tracer = spawn(fun() -> sink() end),
    P = spawn(fun() -> receive stop -> ok end end),
    erlang:trace(P, true, [send, procs, running, timestamp, {tracer, Tracer}]),
    erlang:display(process_info(P, trace)),
    erlang:trace(P, true, [call, return_to, arity, set_on_spawn, {tracer, Tracer}]),
    erlang:display(process_info(P, trace)),
    erlang:trace(P, false, [all]),
    erlang:display(process_info(P, [trace, trap_exit])),
    P ! stop,
    erlang:display(process_info(self(), [last_calls, trace])),
    ok.

sink() ->
    receive _ -> sink() end.
