-module(t_trace_caller).
-export([main/0, f1/1, f2/2, f3/2, tail/1, g/1, bifs/1]).
%% The match-spec functions caller() and caller_line() in call trace
%% patterns: the function (and call site) the traced call returns to,
%% return-trace frames skipped, `undefined` where no caller is known.

f1(X) -> {X}.
f2(X, Y) -> ?MODULE:f1(X), {Y}.
f3(X, Y) -> R = ?MODULE:f2(X, Y), ?MODULE:f1(Y), R.
tail(X) -> ?MODULE:f1(X).
g(X) -> local(X), ok.
local(X) -> {X}.
bifs(N) ->
    L = erlang:integer_to_list(N),
    erlang:put(k, L),
    erlang:integer_to_list(N + 1).

collect(Acc) ->
    receive
        {trace, _, call, MFA, Extra} -> collect([{call, MFA, Extra} | Acc]);
        {trace, _, Tag, MFA, V} -> collect([{Tag, MFA, V} | Acc]);
        {trace, _, call, MFA} -> collect([{call, MFA} | Acc])
    after 100 -> lists:reverse(Acc)
    end.

run(Fun, Patterns) ->
    Self = self(),
    P = spawn(fun() -> receive go -> Fun(), Self ! done end end),
    1 = erlang:trace(P, true, [call]),
    [erlang:trace_pattern(MFA, Spec, Flags) || {MFA, Spec, Flags} <- Patterns],
    P ! go,
    receive done -> ok end,
    R = collect([]),
    erlang:trace_pattern({?MODULE, '_', '_'}, false, [local]),
    erlang:trace_pattern({?MODULE, '_', '_'}, false, [global]),
    [erlang:display(E) || E <- R],
    erlang:display(done).

main() ->
    Caller = [{'_', [], [{message, {caller}}]}],
    Line = [{'_', [], [{return_trace}, {message, {caller_line}}]}],
    run(fun() -> ?MODULE:f3(a, b) end,
        [{{?MODULE, f2, 2}, Caller, [global]}, {{?MODULE, f1, 1}, Caller, [global]}]),
    run(fun() -> ?MODULE:f3(a, b) end,
        [{{?MODULE, f2, 2}, Line, [global]}, {{?MODULE, f1, 1}, Line, [global]}]),
    run(fun() -> ?MODULE:tail(x), ok end,
        [{{?MODULE, tail, 1}, Caller, [global]}, {{?MODULE, f1, 1}, Line, [global]}]),
    run(fun() -> ?MODULE:g(y) end, [{{?MODULE, local, 1}, Line, [local]}]),
    %% BIFs: the function that calls them.
    run(fun() -> ?MODULE:bifs(7) end,
        [{{erlang, integer_to_list, 1}, Caller, [local]}, {{erlang, put, 2}, Caller, [local]}]),
    erlang:display(erlang:match_spec_test([a], [{'_', [], [{message, {caller}}]}], trace)),
    erlang:display(erlang:match_spec_test([a], [{'_', [], [{message, {caller_line}}]}], trace)),
    ok.
