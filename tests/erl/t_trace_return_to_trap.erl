-module(t_trace_return_to_trap).
-export([main/0, lr/2, top/2]).

top(A, B) -> try lr(A, B) of V -> {ok, length(V)} catch C:R -> {C, R} end.
lr(A, B) ->
    Res = lists:reverse(A, B),
    _ = (catch abs(A)),
    Res.

seq(N, N, T) -> [N | T];
seq(I, N, T) -> [I | seq(I + 1, N, T)].

collect(N) ->
    receive
        {trace, _, Tag, A} -> [{Tag, short(A)} | collect(N)];
        {trace, _, Tag, A, B} -> [{Tag, short(A), short(B)} | collect(N)]
    after 200 -> []
    end.

short({M, F, A}) when is_list(A) -> {M, F, length(A)};
short(X) when is_list(X) -> {list, length(X)};
short(X) -> X.

run(F) ->
    Self = self(),
    P = spawn(fun() -> receive go -> ok end, R = F(), Self ! {done, R} end),
    1 = erlang:trace(P, true, [{tracer, self()}, call, return_to]),
    P ! go,
    receive {done, R} -> erlang:display(R) end,
    L = collect(0),
    erlang:display(L).

main() ->
    MS = [{'_', [], [{exception_trace}]}],
    erlang:trace_pattern({?MODULE, top, 2}, MS, [local]),
    erlang:trace_pattern({?MODULE, lr, 2}, MS, [local]),
    erlang:trace_pattern({lists, reverse, 2}, MS, [local]),
    LL = seq(1, 100000, []),
    LiL = seq(1, 99999, 100000),
    run(fun() -> top(LL, []) end),
    run(fun() -> top(LiL, []) end),
    run(fun() -> top([1,2,3], [4]) end),
    run(fun() -> top([1,2,3|x], [4]) end),
    erlang:trace_pattern({'_', '_', '_'}, false, [local]),
    ok.
