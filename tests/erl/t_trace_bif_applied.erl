-module(t_trace_bif_applied).
%% return_to after a BIF applied (apply/3, M:F(...)) with a local pattern
%% and return_trace: the continuation after the apply is reported.
-export([main/0, worker/0, tail_apply/2, wrap/2]).

worker() ->
    receive
        {apply, F, A} -> _ = apply(erlang, F, A), worker();
        {tail, F, A} -> _ = wrap(F, A), worker();
        stop -> ok
    end.

wrap(F, A) -> R = tail_apply(F, A), {R}.
tail_apply(F, A) -> apply(erlang, F, A).

collect() ->
    receive
        {trace, _, Tag, A} -> [{Tag, A} | collect()];
        {trace, _, Tag, A, B} -> [{Tag, A, norm(B)} | collect()]
    after 200 -> []
    end.

norm(B) when is_integer(B) -> int;
norm(B) -> B.

main() ->
    P = spawn(?MODULE, worker, []),
    1 = erlang:trace(P, true, [call, return_to]),
    Ms = [{'_', [], [{return_trace}]}],
    erlang:trace_pattern({erlang, phash2, '_'}, Ms, [local]),
    erlang:trace_pattern({erlang, atom_to_list, 1}, Ms, [local]),
    P ! {apply, phash2, [x]},
    erlang:display(collect()),
    P ! {apply, atom_to_list, [abc]},
    erlang:display(collect()),
    erlang:trace_pattern({?MODULE, '_', '_'}, true, [local]),
    P ! {tail, phash2, [y, 8]},
    erlang:display(collect()),
    P ! stop,
    erlang:display(collect()),
    erlang:trace_pattern({'_', '_', '_'}, false, [local]),
    ok.
