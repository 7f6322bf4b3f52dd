%% throw: uncaught in a catch expression (the value), caught by try with
%% the whole stack trace, rethrown through several levels, and a throw
%% that escapes a try catching only errors.
-module(t_trace_throw).
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

thrower(X) ->
    throw({ball, id(X)}).

mid(X) ->
    R = thrower(X),
    {mid, R}.

only_errors(X) ->
    try mid(X)
    catch
        error:E -> {error, E}
    end.

main() ->
    erlang:display({catch_throw, catch thrower(1)}),
    erlang:display({catch_nested, catch {mid(2)}}),
    erlang:display({catch_in_catch, catch (catch thrower(3))}),
    show(direct, fun() -> thrower(4) end),
    show(nested, fun() -> {mid(5)} end),
    show(escapes_try, fun() -> {only_errors(6)} end),
    show(from_fun, fun() -> F = fun(X) -> throw(X) end, {F(id(7))} end),
    show(lc, fun() -> [throw(X) || X <- id([8, 9])] end),
    ok.
