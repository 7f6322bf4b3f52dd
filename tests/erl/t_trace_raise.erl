%% erlang:raise/3: re-raising keeps the original trace (the re-raise site
%% is not added); a given trace is checked (bad class or bad items: the
%% call returns badarg instead of raising), short items are completed with
%% an empty location and it is cut to 8 frames.
-module(t_trace_raise).
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

fail(X) -> {ok} = id(X).

rethrow(X) ->
    try fail(X)
    catch
        C:R:St -> erlang:raise(C, {again, R}, St)
    end.

rethrow_deep(X) ->
    R = rethrow(X),
    {rethrow_deep, R}.

convert(X) ->
    try fail(X)
    catch
        error:R:St -> erlang:raise(throw, R, St)
    end.

main() ->
    show(rethrow, fun() -> {rethrow_deep(id(1))} end),
    show(convert, fun() -> {convert(id(2))} end),
    Long = [{m, f, N, []} || N <- lists:seq(1, 12)],
    show(truncated, fun() -> erlang:raise(error, long, id(Long)) end),
    show(short_items, fun() -> erlang:raise(exit, s, id([{m, f, 1}, {m, g, [a], [{line, 3}]}])) end),
    show(fun_item, fun() -> erlang:raise(throw, t, id([{fun id/1, [1]}])) end),
    show(bad_class, fun() -> {erlang:raise(id(oops), r, [])} end),
    show(bad_item, fun() -> {erlang:raise(error, r, id([{m, f}]))} end),
    show(bad_location, fun() -> {erlang:raise(error, r, id([{m, f, 1, loc}]))} end),
    show(improper, fun() -> {erlang:raise(error, r, id([{m, f, 1, []} | x]))} end),
    show(empty, fun() -> erlang:raise(error, r, id([])) end),
    show(raise_in_catch, fun() -> catch erlang:raise(error, c, [{m, f, 0, []}]) end),
    ok.
