%% External funs `fun M:F/A`, with variables for M, F and A, passed to
%% lists functions and called through apply.
-module(t_fun2_external).
-export([main/0, id/1, sq/1, add/2]).

id(X) -> X.
sq(X) -> X * X.
add(A, B) -> A + B.

main() ->
    Map = fun lists:map/2,
    io:format("~p~n", [Map(fun ?MODULE:sq/1, [1, 2, 3])]),
    M = id(lists), F = id(reverse), A = id(1),
    Rev = fun M:F/A,
    io:format("~p~n", [Rev([1, 2, 3])]),
    io:format("~p~n", [lists:foldl(fun ?MODULE:add/2, 0, lists:seq(1, 100))]),
    io:format("~p~n", [lists:map(fun erlang:atom_to_list/1, [a, bb, ccc])]),
    io:format("~p~n", [lists:filter(fun erlang:is_atom/1, [1, a, "s", b, {c}])]),
    io:format("~p~n", [lists:sort(fun erlang:'>='/2, [3, 1, 4, 1, 5, 9, 2, 6])]),
    io:format("~p~n", [lists:zipwith(fun erlang:'+'/2, [1, 2, 3], [10, 20, 30])]),
    io:format("~p~n", [lists:map(fun string:uppercase/1, ["ab", "cd"])]),
    Ops = [fun erlang:'+'/2, fun erlang:'-'/2, fun erlang:'*'/2, fun erlang:'div'/2],
    io:format("~p~n", [[Op(17, 5) || Op <- Ops]]),
    io:format("~p~n", [erlang:apply(fun ?MODULE:add/2, [1, 2])]),
    %% undefined external fun: created fine, fails when called
    U = fun ?MODULE:missing/3,
    io:format("~p~n", [is_function(U, 3)]),
    io:format("~p~n", [try U(1, 2, 3) catch error:undef:St -> {undef, hd(St)} end]),
    io:format("~p~n", [try (fun no_such_mod:f/0)() catch error:E:St2 -> {E, hd(St2)} end]),
    %% equal to a fresh one built from variables
    io:format("~p~n", [Rev =:= fun lists:reverse/1]),
    io:format("~p~n", [[erlang:fun_info(Rev, K) || K <- [module, name, arity, type]]]),
    ok.
