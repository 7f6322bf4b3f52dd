%% exit/1: the trace as seen by try; catch turns it into {'EXIT', R}
%% without a trace; an exit escaping nested trys keeps its trace.
-module(t_trace_exit).
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

quit(X) ->
    exit({quit, id(X)}).

a(X) -> {a, b(X)}.
b(X) -> [c(X)].
c(X) -> quit(X).

inner(X) ->
    try a(X)
    catch
        throw:T -> {thrown, T}
    end.

main() ->
    erlang:display({caught, catch quit(1)}),
    erlang:display({caught_deep, catch a(2)}),
    show(direct, fun() -> quit(3) end),
    show(chain, fun() -> {a(4)} end),
    show(through_try, fun() -> {inner(5)} end),
    show(normal, fun() -> exit(normal) end),
    show(in_fun, fun() -> {(fun(X) -> exit(X) end)(id(6))} end),
    ok.
