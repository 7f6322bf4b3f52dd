-module(t_trace_bif_apply_exc).
%% A call-traced process applies a BIF that raises (tail and non-tail
%% apply, exception_trace patterns local, meta and global): the crash
%% reason's stack trace starts with the BIF's own frame, as in BEAM.
-export([main/0, exc/2, exc_nt/2, id/1, run/3]).

id(X) -> X.
exc(F, A) -> erlang:apply(erlang, F, id(A)).
exc_nt(F, A) -> R = erlang:apply(erlang, F, id(A)), {R}.
run(W, F, A) -> ?MODULE:W(F, A), ok.

one(W, F, A, Pat) ->
    Self = self(),
    P = spawn(fun() -> receive go -> ok end, run(W, F, A) end),
    Ref = erlang:monitor(process, P),
    1 = erlang:trace(P, true, [call, {tracer, Self}]),
    Ms = [{'_', [], [{exception_trace}]}],
    erlang:trace_pattern({?MODULE, '_', '_'}, Ms, Pat),
    erlang:trace_pattern({erlang, F, length(A)}, Ms, Pat),
    P ! go,
    receive {'DOWN', Ref, _, _, R} -> erlang:display(R) end,
    flush(),
    erlang:trace_pattern({'_', '_', '_'}, false, Pat).

flush() -> receive _ -> flush() after 100 -> ok end.

main() ->
    logger:set_primary_config(level, none),
    [one(W, F, A, Pat) || W <- [exc, exc_nt],
                          {F, A} <- [{'++', [a, [1.5]]}, {error, [oops]},
                                     {atom_to_list, [42]}],
                          Pat <- [[local], [meta], []]],
    ok.
