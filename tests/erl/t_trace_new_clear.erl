-module(t_trace_new_clear).
-export([main/0]).

main() ->
    Tracer = spawn(fun() -> receive stop -> ok end end),
    erlang:display(erlang:trace(new, true, [send, {tracer, Tracer}])),
    erlang:display(erlang:trace_info(new, flags)),
    erlang:display(erlang:trace_info(new, tracer) =:= {tracer, Tracer}),
    Ref = monitor(process, Tracer),
    Tracer ! stop,
    receive {'DOWN', Ref, _, _, _} -> ok end,
    %% The tracer is gone: new processes start untraced.
    erlang:display(erlang:trace_info(new, flags)),
    erlang:display(erlang:trace_info(new, tracer)),
    P = spawn(fun() -> receive stop -> ok end end),
    erlang:display(erlang:trace_info(P, flags)),
    P ! stop,
    erlang:display(erlang:trace(new, false, [all])),
    erlang:display(erlang:trace_info(new, flags)),
    ok.
