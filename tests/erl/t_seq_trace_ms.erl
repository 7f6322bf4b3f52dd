-module(t_seq_trace_ms).
-export([main/0, traced/1]).

%% {is_seq_trace} and {get_seq_token} in trace match specifications, in
%% erlang:match_spec_test/3 and in call tracing.
main() ->
    seq_trace:reset_trace(),
    Self = self(),
    Spec = [{'_', [], [{message, {{{is_seq_trace}, {get_seq_token}}}}]}],
    Guarded = [{'_', [{is_seq_trace}], [{message, token}]}],
    erlang:display(erlang:match_spec_test([a], Spec, trace)),
    erlang:display(erlang:match_spec_test([a], Guarded, trace)),
    seq_trace:set_token(label, ms_label),
    {ok, {true, {0, ms_label, 0, Self, 0}}, [], []}
        = erlang:match_spec_test([a], Spec, trace),
    erlang:display(erlang:match_spec_test([a], Guarded, trace)),
    seq_trace:set_token([]),
    %% Call tracing with the spec: the traced process's token.
    Tracer = spawn(fun() -> collect([]) end),
    P = spawn(fun() -> receive go -> ok end, traced(1), traced(2) end),
    erlang:trace(P, true, [call, {tracer, Tracer}]),
    erlang:trace_pattern({?MODULE, traced, 1},
                         [{'_', [], [{message, {{{is_seq_trace}, {get_seq_token}}}}]}],
                         [local]),
    seq_trace:set_token(label, 99),
    P ! go,
    seq_trace:set_token([]),
    Ref = monitor(process, P),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    erlang:trace_pattern({?MODULE, traced, 1}, false, [local]),
    Tracer ! {stop, self()},
    receive
        {log, L} ->
            [erlang:display(case M of
                                {trace, P, call, {?MODULE, traced, [N]},
                                 {true, {0, 99, Serial, Self, 0}}} -> {N, traced_with_token, Serial};
                                Other -> Other
                            end) || M <- L]
    end,
    ok.

traced(N) -> N.

collect(Acc) ->
    receive
        {stop, From} -> From ! {log, lists:reverse(Acc)};
        M -> collect([M | Acc])
    end.
