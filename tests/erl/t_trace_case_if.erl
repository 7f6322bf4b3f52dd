%% case_clause and if_clause: the failing function's frame carries the
%% line of the case/if, then every caller's call site.
-module(t_trace_case_if).
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

classify(X) ->
    case X of
        1 -> one;
        2 -> two
    end.

sign(X) ->
    if
        X > 0 -> pos;
        X < 0 -> neg
    end.

outer(X) ->
    R = classify(X),
    {outer, R}.

tuple_case(T) ->
    case id(T) of
        {a, _} -> a;
        {b, _, _} -> b
    end.

main() ->
    show(case_direct, fun() -> {classify(id(3))} end),
    show(case_nested, fun() -> {outer(id(7))} end),
    show(case_tuple, fun() -> {tuple_case({c, 1})} end),
    show(case_in_fun, fun() -> case id(x) of y -> ok end end),
    show(if_direct, fun() -> {sign(id(0))} end),
    show(if_in_fun, fun() -> X = id(5), if X > 10 -> big end end),
    ok.
