%% Errors inside funs, nested funs, list comprehensions and higher-order
%% stdlib functions: generated names ('-main/0-fun-0-', '-f/1-lc$^0/1-0-')
%% and the stdlib's own file and line in its frames.
-module(t_trace_funs).
-export([main/0, id/1]).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, R}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

inv(L) -> [1 div X || X <- L].

pairs(L) -> [{X, element(2, X)} || X <- L, is_tuple(X)].

adder(N) -> fun(X) -> X + N end.

nested() ->
    F = fun(X) ->
                G = fun(Y) -> {Y} = id(Y) end,
                [G(X)]
        end,
    {F(id(1))}.

main() ->
    show(lc, fun() -> {inv(id([1, 2, 0, 4]))} end),
    show(lc_guard, fun() -> {pairs(id([{a, b}, c, {d}]))} end),
    show(closure, fun() -> A = adder(id(x)), {A(1)} end),
    show(nested_funs, fun() -> nested() end),
    show(map, fun() -> {lists:map(fun(X) -> X * 2 end, id([1, b]))} end),
    show(foldl, fun() -> {lists:foldl(fun(X, Acc) -> X + Acc end, 0, id([1, a]))} end),
    show(foreach, fun() -> lists:foreach(fun(X) -> 1 = X end, id([1, 2])) end),
    show(filter, fun() -> {lists:filter(fun(X) -> X end, id([true, 3]))} end),
    show(sort, fun() -> {lists:sort(fun(A, B) -> A + B end, id([1, c]))} end),
    show(seq, fun() -> {lists:seq(1, id(a))} end),
    ok.
