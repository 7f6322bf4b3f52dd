-module(t_trace_ms_flags).
-export([main/0, f2/2, f3/2, runner/2]).
%% The match-spec actions enable_trace/disable_trace: a trace pattern
%% turns trace flags of the traced process or of another one (by pid or
%% registered name) on and off, with the traced process's tracer.

f2(X, Y) -> {X, Y}.
f3(X, Y) -> ?MODULE:f2(X, Y).

runner(Parent, Fun) -> receive go -> Fun(), Parent ! {done, self()} end.

collect(Acc) ->
    receive
        {trace, P, call, MFA, Extra} -> collect([{P, MFA, Extra} | Acc])
    after 200 -> lists:reverse(Acc)
    end.

main() ->
    Self = self(),
    P1 = spawn(?MODULE, runner, [Self, fun() ->
                                               register(t_trace_ms_flags_p1, self()),
                                               receive go2 -> ok end,
                                               ?MODULE:f2(a, b),
                                               ?MODULE:f2(a, b)
                                       end]),
    P1 ! go,
    P2 = spawn(?MODULE, runner, [Self, fun() -> ?MODULE:f3(a, a) end]),
    Pat = [{['$1', '$1'], [], [{message, [{enable_trace, P1, call}, {caller}]}]},
           {['_', '_'], [], [{message, [{disable_trace, t_trace_ms_flags_p1, call},
                                        {enable_trace, nobody_here, call},
                                        {enable_trace, no_such_flag}]}]}],
    1 = erlang:trace(P2, true, [call]),
    erlang:trace_pattern({?MODULE, f2, 2}, Pat),
    receive after 50 -> ok end,
    erlang:display(erlang:trace_info(P1, flags)),
    P2 ! go,
    receive {done, P2} -> ok end,
    erlang:display(erlang:trace_info(P1, flags)),
    erlang:display({tracer, element(2, erlang:trace_info(P1, tracer)) =:= Self}),
    P1 ! go2,
    receive {done, P1} -> ok end,
    Names = fun(P) when P =:= P1 -> p1; (P) when P =:= P2 -> p2; (P) -> P end,
    [erlang:display({Names(P), MFA, E}) || {P, MFA, E} <- collect([])],
    erlang:display(erlang:match_spec_test([a], [{'_', [], [{enable_trace, send}]}], trace)),
    ok.
