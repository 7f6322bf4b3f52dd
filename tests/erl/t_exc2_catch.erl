%% catch Expr: values for each class, nesting, catch in guards' bodies,
%% catch of exit with and without stack traces.
-module(t_exc2_catch).
-export([main/0, id/1]).

id(X) -> X.

strip({'EXIT', {R, St}}) when is_list(St) ->
    {'EXIT', R, [{M, F} || {M, F, _, _} <- lists:sublist(St, 2)]};
strip(V) -> V.

main() ->
    io:format("~p~n", [catch id(1)]),
    io:format("~p~n", [catch throw(id(thrown))]),
    io:format("~p~n", [catch exit(id(exited))]),
    io:format("~p~n", [catch exit({id(a), b})]),
    io:format("~p~n", [strip(catch error(id(err)))]),
    io:format("~p~n", [strip(catch id(1) + id(a))]),
    io:format("~p~n", [strip(catch element(5, id({1})))]),
    io:format("~p~n", [catch catch throw(id(x))]),
    io:format("~p~n", [catch (catch exit(id(y)))]),
    io:format("~p~n", [[catch throw(I) || I <- [1, 2, 3]]]),
    L = [catch (if I > 1 -> throw({big, I}); true -> I end) || I <- [0, 1, 2]],
    io:format("~p~n", [L]),
    X = (catch throw(id(41))) + 1,
    io:format("~p~n", [X]),
    io:format("~p~n", [strip(catch lists:nth(id(10), [1, 2]))]),
    io:format("~p~n", [strip(catch list_to_atom(id(42)))]),
    %% throw of an 'EXIT' tuple is indistinguishable
    io:format("~p~n", [catch throw({'EXIT', fake})]),
    %% catch inside try
    R = try
            A = (catch error(id(inner))),
            throw({seen, element(1, A)})
        catch throw:T -> T
        end,
    io:format("~p~n", [R]),
    %% catch with a deep recursion
    io:format("~p~n", [catch down(1000)]),
    io:format("~p~n", [strip(catch fc(id(3)))]),
    ok.

down(0) -> throw(bottom);
down(N) -> 1 + down(N - 1).

fc(1) -> one.
