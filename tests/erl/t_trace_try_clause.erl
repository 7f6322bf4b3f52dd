%% try_clause: no clause of the `of` part matched; also errors raised in
%% the `of` part and in a catch clause body.
-module(t_trace_try_clause).
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

tc(X) ->
    try id(X) of
        1 -> one;
        2 -> two
    catch
        _:_ -> caught
    end.

of_error(X) ->
    try id(X) of
        N -> N + id(a)
    catch
        _:_ -> caught
    end.

in_handler(X) ->
    try 1 = id(X)
    catch
        error:{badmatch, V} -> {ok} = id(V)
    end.

deeper(X) ->
    R = tc(X),
    {deeper, R}.

main() ->
    show(try_clause, fun() -> {tc(id(3))} end),
    show(try_clause_deep, fun() -> {deeper(id(4))} end),
    show(of_error, fun() -> {of_error(id(5))} end),
    show(in_handler, fun() -> {in_handler(id(6))} end),
    ok.
