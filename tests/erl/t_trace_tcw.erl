-module(t_trace_tcw).
-export([main/0, f1/1]).
%% The trace control word: system_flag(trace_control_word, N),
%% system_info(trace_control_word) and the match-spec functions
%% get_tcw/set_tcw (real in trace patterns, read-only in match_spec_test).

f1(X) -> X.

collect(Acc) ->
    receive
        {trace, _, call, {?MODULE, f1, [A]}} -> collect([A | Acc]);
        {trace, _, call, {?MODULE, f1, [A]}, M} -> collect([{A, M} | Acc])
    after 100 -> lists:reverse(Acc)
    end.

tr(Fun, Spec) ->
    Self = self(),
    P = spawn(fun() -> receive go -> Fun(), Self ! done end end),
    1 = erlang:trace(P, true, [call]),
    erlang:trace_pattern({?MODULE, f1, 1}, Spec, []),
    P ! go,
    receive done -> ok end,
    R = collect([]),
    erlang:trace_pattern({?MODULE, f1, 1}, false, []),
    R.

main() ->
    erlang:display(erlang:system_info(trace_control_word)),
    erlang:display(erlang:system_flag(trace_control_word, 17)),
    erlang:display(erlang:system_info(trace_control_word)),
    erlang:display(tr(fun() -> ?MODULE:f1(a) end, [{'_', [{'=:=', {get_tcw}, 17}], []}])),
    erlang:display(tr(fun() -> ?MODULE:f1(a) end, [{'_', [{'=:=', {get_tcw}, 18}], []}])),
    High = 1 bsl 31,
    erlang:display(erlang:system_flag(trace_control_word, High)),
    erlang:display(erlang:system_flag(trace_control_word, 0)),
    erlang:display(tr(fun() ->
                              [?MODULE:f1(X) || X <- [a, start, b, c, high, d, stop, e]]
                      end,
                      [{[start], [], [{message, {set_tcw, 17}}]},
                       {[stop], [], [{message, {set_tcw, 0}}]},
                       {[high], [], [{message, {set_tcw, High}}]},
                       {['_'], [{'>', {get_tcw}, 0}],
                        [{set_tcw, {'+', 1, {get_tcw}}}, {message, {get_tcw}}]}])),
    erlang:display(erlang:system_info(trace_control_word)),
    %% match_spec_test: set_tcw only reads.
    erlang:system_flag(trace_control_word, 5),
    erlang:display(erlang:match_spec_test([x], [{'_', [], [{message, {set_tcw, 9}}]}], trace)),
    erlang:display(erlang:match_spec_test([x], [{'_', [{'==', {get_tcw}, 5}], [{get_tcw}]}],
                                          trace)),
    erlang:display(erlang:system_info(trace_control_word)),
    %% The limits: 32 bits, non-negative integers.
    erlang:display(erlang:system_flag(trace_control_word, (1 bsl 32) - 1)),
    [erlang:display(catch erlang:system_flag(trace_control_word, V))
     || V <- [1 bsl 32, -1, a, 1.0, 1 bsl 70]],
    erlang:display(erlang:system_flag(trace_control_word, 0)),
    erlang:display(erlang:match_spec_test([x], [{'_', [], [{set_tcw, 1}]}], table)),
    erlang:display(erlang:match_spec_test([x], [{'_', [{set_tcw, 1}], []}], trace)),
    ok.
