%% Traces through try/after and catch: the after block runs but leaves the
%% trace alone; an error in an after block replaces the exception; a
%% catch inside a handler; errors raised inside handlers of nested trys.
-module(t_trace_after).
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

with_after(X) ->
    try {ok} = id(X)
    after
        erlang:display({after_ran, X})
    end.

after_fails(X) ->
    try id(X)
    after
        [] = id(X)
    end.

error_in_after_over_error(X) ->
    try {a} = id(X)
    after
        {b} = id(X)
    end.

catch_in_handler(X) ->
    try {c} = id(X)
    catch
        error:_ -> catch element(id(0), {}), hd(id(X))
    end.

nested(X) ->
    try
        try {d} = id(X)
        catch
            error:_ -> throw({inner, X})
        end
    catch
        throw:{inner, Y} -> {e} = id(Y)
    end.

deep_after(0) -> {f} = id(0);
deep_after(N) ->
    try {deep_after(N - 1)}
    after
        id(N)
    end.

main() ->
    show(with_after, fun() -> {with_after(id(1))} end),
    show(after_fails, fun() -> {after_fails(id(2))} end),
    show(after_over_error, fun() -> {error_in_after_over_error(id(3))} end),
    show(catch_in_handler, fun() -> {catch_in_handler(id(4))} end),
    show(nested, fun() -> {nested(id(5))} end),
    show(deep_after, fun() -> {deep_after(id(3))} end),
    ok.
