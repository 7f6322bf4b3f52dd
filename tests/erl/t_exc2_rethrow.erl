%% Nested try with rethrow, erlang:raise/3 with built and captured traces,
%% class preservation, and stack traces printed with ~p.
-module(t_exc2_rethrow).
-export([main/0, id/1, deep/1]).

id(X) -> X.

deep(0) -> error({bottom, id(0)});
deep(N) -> [deep(N - 1)].

top(St) -> [{M, F, ar(A), L} || {M, F, A, L} <- lists:sublist(St, 3)].
ar(A) when is_list(A) -> {args, length(A)};
ar(A) -> A.

wrap(F) ->
    try F()
    catch
        Class:Reason:St ->
            erlang:raise(Class, {wrapped, Reason}, St)
    end.

twice(F) ->
    try wrap(fun() -> wrap(F) end)
    catch C:R:St -> {C, R, top(St)}
    end.

selective(F) ->
    try
        try F()
        catch
            throw:keep -> kept;
            error:E when is_atom(E) -> erlang:raise(error, {upgraded, E}, [])
        end
    catch
        C:R:St -> {outer, C, R, St}
    end.

raise_custom() ->
    St = [{mod_a, fun_a, 1, [{file, "a.erl"}, {line, 10}]},
          {mod_b, fun_b, [x, y], [{file, "b.erl"}, {line, 20}]},
          {mod_c, fun_c, 0, []}],
    try erlang:raise(throw, custom, St)
    catch throw:custom:S -> S
    end.

bad_traces() ->
    [catch_it(fun() -> erlang:raise(error, r, not_a_list) end),
     catch_it(fun() -> erlang:raise(error, r, [bad_entry]) end),
     catch_it(fun() -> erlang:raise(foo, r, []) end),
     catch_it(fun() -> erlang:raise(exit, r, [{m, f, 1, []} | tail]) end)].

catch_it(F) ->
    try F() of V -> {returned, V}
    catch C:R -> {C, R}
    end.

main() ->
    io:format("~p~n", [twice(fun() -> deep(3) end)]),
    io:format("~p~n", [twice(fun() -> throw(id(t)) end)]),
    io:format("~p~n", [twice(fun() -> exit(id(x)) end)]),
    io:format("~p~n", [selective(fun() -> throw(keep) end)]),
    io:format("~p~n", [selective(fun() -> error(atom_reason) end)]),
    io:format("~p~n", [selective(fun() -> throw(other) end)]),
    io:format("~p~n", [raise_custom()]),
    io:format("~p~n", [bad_traces()]),
    %% raise with a class that is valid but a trace from elsewhere
    {_, _, St0} = try deep(1) catch C0:R0:S0 -> {C0, R0, S0} end,
    io:format("~p~n", [catch_it(fun() -> erlang:raise(exit, again, St0) end)]),
    try erlang:raise(exit, again, St0)
    catch exit:again:St1 -> io:format("~p~n", [St1 =:= St0])
    end,
    ok.
