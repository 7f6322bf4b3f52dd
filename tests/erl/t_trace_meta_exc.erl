-module(t_trace_meta_exc).
-export([main/0, lr/2, thr/1]).

lr(A, B) -> lists:reverse(A, B).
thr(X) -> throw(X).

strip({trace_ts, P, Tag, A, {_, _, _}}) -> {Tag, label(P), A};
strip({trace_ts, P, Tag, A, B, {_, _, _}}) -> {Tag, label(P), A, B};
strip(M) -> {other, M}.

label(P) when P =:= self() -> me;
label(P) when is_pid(P) -> other.

flush() ->
    receive M -> [strip(M) | flush()] after 100 -> [] end.

run(F) ->
    Self = self(),
    P = spawn(fun() -> R = (catch F()), Self ! {done, R} end),
    receive {done, R} -> R end,
    _ = P,
    flush().

run_nocatch(F) ->
    {P, Ref} = spawn_monitor(fun() -> process_flag(trap_exit, false), catch_all(F) end),
    receive {'DOWN', Ref, _, _, R} -> erlang:display(element(1, R)) end,
    _ = P,
    flush().

catch_all(F) ->
    try F() catch throw:T -> exit({thrown, T}) end.

main() ->
    MS = [{'_', [], [{exception_trace}]}],
    erlang:display(erlang:trace_pattern({?MODULE,'_','_'}, MS, [meta])),
    erlang:display(erlang:trace_pattern({lists,reverse,2}, MS, [meta])),
    erlang:display(erlang:trace_pattern({erlang,throw,1}, MS, [meta])),
    erlang:display(run(fun() -> lr([1,2], [3]) end)),
    erlang:display(run(fun() -> lr(a, b) end)),
    erlang:display(run(fun() -> thr(x) end)),
    erlang:trace_pattern({lists,reverse,2}, false, [meta]),
    erlang:display(run_nocatch(fun() -> thr(y) end)),
    erlang:trace_pattern({'_','_','_'}, false, [meta]),
    ok.
