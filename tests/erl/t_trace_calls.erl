-module(t_trace_calls).
-export([main/0, f/1, g/1, h/2, loop/1]).
%% Call tracing: trace_pattern/3 (global and local), match specs with
%% return_trace, exception_trace and message, arity, trace_info of
%% functions.

collect(Acc) -> receive stop -> lists:reverse(Acc); M -> collect([M | Acc]) end.
tracer() -> receive {get, P} -> P ! {msgs, collect([])} end.

norm(T, Names) when is_pid(T) ->
    case lists:keyfind(T, 1, Names) of {_, N} -> N; false -> other_pid end;
norm(T, Names) when is_tuple(T) -> list_to_tuple(norm(tuple_to_list(T), Names));
norm([H | T], Names) -> [norm(H, Names) | norm(T, Names)];
norm(T, _) -> T.

f(X) -> g(X) + 1.
g(X) when X > 0 -> X * 2;
g(_) -> error(neg).
h(A, B) -> {A, B}.
loop(0) -> done;
loop(N) -> loop(N - 1).

run(Flags, Pattern, PatFlags, Body) ->
    T = spawn(fun tracer/0),
    P = spawn(fun() -> receive go -> ok end, Body() end),
    timer:sleep(10),
    erlang:display(erlang:trace_pattern({?MODULE, '_', '_'}, Pattern, PatFlags)),
    1 = erlang:trace(P, true, [call, {tracer, T} | Flags]),
    P ! go,
    timer:sleep(50),
    erlang:trace_pattern({?MODULE, '_', '_'}, false, PatFlags),
    T ! {get, self()}, T ! stop,
    receive {msgs, L} -> [erlang:display(norm(M, [{P, tracee}])) || M <- L] end,
    ok.

main() ->
    Body = fun() ->
                   catch ?MODULE:f(3),
                   catch ?MODULE:f(-1),
                   ?MODULE:h(a, "str"),
                   ?MODULE:loop(3),
                   ok
           end,
    erlang:display(local_exception_trace),
    run([], [{'_', [], [{exception_trace}]}], [local], Body),
    erlang:display(global_return_trace),
    %% (Only calls of functions that make no local calls of exported ones:
    %% girder's global patterns also report those, see trace_pattern.rs.)
    run([], [{'_', [], [{return_trace}]}], [global], fun() -> ?MODULE:h(x, y), lists:reverse([1]) end),
    erlang:display(arity),
    run([arity], true, [local], fun() -> ?MODULE:h(1, 2) end),
    erlang:display(match_spec_guard_message),
    run([], [{['$1', '_'], [{is_atom, '$1'}], [{message, {{got, '$1'}}}]}], [local],
        fun() -> ?MODULE:h(1, 2), ?MODULE:h(k, 2) end),
    erlang:display(info),
    erlang:display(erlang:trace_info({?MODULE, h, 2}, traced)),
    erlang:display(erlang:trace_pattern({?MODULE, h, 2}, [{'_', [], [{return_trace}]}], [local])),
    erlang:display(erlang:trace_info({?MODULE, h, 2}, all)),
    erlang:display(erlang:trace_info({?MODULE, h, 2}, match_spec)),
    erlang:display(erlang:trace_info({?MODULE, nosuch, 2}, traced)),
    erlang:display(erlang:trace_pattern({?MODULE, h, 2}, false, [local])),
    erlang:display(erlang:trace_info({?MODULE, h, 2}, traced)),
    erlang:display(catch erlang:trace_pattern({?MODULE, h, 2}, [bad], [])),
    erlang:display(catch erlang:trace_pattern({'_', h, 2}, true, [])),
    %% Stack traces are not changed by return-trace frames.
    T = spawn(fun tracer/0),
    erlang:trace_pattern({?MODULE, '_', '_'}, [{'_', [], [{exception_trace}]}], [local]),
    erlang:trace(self(), true, [call, {tracer, T}]),
    R = (catch ?MODULE:f(-2)),
    erlang:trace(self(), false, [call]),
    erlang:trace_pattern({?MODULE, '_', '_'}, false, [local]),
    {'EXIT', {neg, [{?MODULE, g, 1, _}, {?MODULE, f, 1, _} | _]}} = R,
    erlang:display(stack_ok),
    ok.
