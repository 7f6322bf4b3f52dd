%% Whole stack traces of badmatch errors: in the function itself, a few
%% calls down (non-tail, so every caller has a frame), after a tail call
%% (the caller's frame is gone, as in BEAM), and in a guard-free clause.
-module(t_trace_badmatch).
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

direct() ->
    {ok, V} = id({error, 1}),
    V.

level1(X) ->
    Y = level2(X),
    {level1, Y}.

level2(X) ->
    Z = level3(X + 1),
    [Z].

level3(X) ->
    2 = id(X),
    X.

tail1(X) ->
    tail2(X).

tail2(X) ->
    [] = id(X).

multi(A, B) ->
    {A, B} = {id(A), id(b)},
    ok.

main() ->
    show(direct, fun() -> direct() end),
    show(nested, fun() -> {level1(id(5))} end),
    show(tail, fun() -> {tail1(id([x]))} end),
    show(multi, fun() -> {multi(a, c)} end),
    show(in_fun, fun() -> F = fun(X) -> {X} = id(X) end, {F(3)} end),
    ok.
