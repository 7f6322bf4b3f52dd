-module(t_trace_return_to).
-export([main/0, top/1, a/1, b/1, c/1, bif_user/1, catcher/1, thrower/1, tail_bif/1]).

top(X) -> R = a(X), {R}.
a(X) -> [b(X) | c(X)].
b(X) -> c(X).                 % tail call
c(X) -> [X].
bif_user(X) -> Y = erlang:phash2(X, 4), {Y}.
tail_bif(X) -> erlang:phash2(X, 4).
catcher(X) -> catch thrower(X).
thrower(X) -> throw(X).

collect() ->
    receive
        {trace, _, Tag, A} -> [{Tag, A} | collect()];
        {trace, _, Tag, A, B} -> [{Tag, A, B} | collect()]
    after 100 -> []
    end.

run(Flags, F) ->
    Self = self(),
    P = spawn(fun() -> receive go -> ok end, R = F(), Self ! {done, R} end),
    1 = erlang:trace(P, true, [{tracer, self()} | Flags]),
    P ! go,
    receive {done, R} -> erlang:display(R) end,
    L = collect(),
    erlang:display(L).

main() ->
    erlang:trace_pattern({?MODULE, '_', '_'}, true, [local]),
    erlang:trace_pattern({?MODULE, main, 0}, false, [local]),
    erlang:trace_pattern({?MODULE, run, 2}, false, [local]),
    erlang:trace_pattern({?MODULE, collect, 0}, false, [local]),
    run([call, return_to], fun() -> top(1) end),
    erlang:trace_pattern({erlang, phash2, 2}, true, [local]),
    run([call, return_to], fun() -> bif_user(1) end),
    run([call, return_to], fun() -> tail_bif(1) end),
    run([call, return_to], fun() -> catcher(x) end),
    %% with return_trace as well
    erlang:trace_pattern({?MODULE, '_', '_'}, [{'_', [], [{return_trace}]}], [local]),
    erlang:trace_pattern({?MODULE, main, 0}, false, [local]),
    erlang:trace_pattern({?MODULE, run, 2}, false, [local]),
    erlang:trace_pattern({?MODULE, collect, 0}, false, [local]),
    run([call, return_to], fun() -> top(2) end),
    run([call, return_to, arity], fun() -> bif_user(2) end),
    %% silent
    run([call, return_to, silent], fun() -> top(3) end),
    erlang:trace_pattern({'_', '_', '_'}, false, [local]),
    ok.
