%% badfun/badarity: local funs, external funs, funs with captured values,
%% apply/2 on non-funs, and is_function/2 guards.
-module(t_exc2_badfun).
-export([main/0, id/1, two/2]).

id(X) -> X.
two(A, B) -> {A, B}.

try_call(F, Args) ->
    try apply(F, Args) of
        V -> {ok, V}
    catch
        error:{badarity, {Fun, As}} when is_function(Fun) ->
            {arity, A} = erlang:fun_info(Fun, arity),
            {badarity, A, As};
        error:{badfun, X} -> {badfun, X};
        error:undef -> undef;
        C:R -> {C, R}
    end.

main() ->
    K = id(10),
    Funs = [fun() -> zero end,
            fun(A) -> A + K end,
            fun(A, B) -> A * B + K end,
            fun ?MODULE:two/2,
            fun lists:reverse/1],
    Args = [[], [1], [2, 3], [a, b, c]],
    [io:format("~p~n", [try_call(F, A)]) || F <- Funs, A <- Args],
    io:format("~p~n", [try_call(id(atom), [])]),
    io:format("~p~n", [try_call(id({?MODULE, two}), [1, 2])]),
    io:format("~p~n", [try_call(id([]), [1])]),
    io:format("~p~n", [try_call(id(<<1>>), [])]),
    io:format("~p~n", [try_call(fun ?MODULE:nope/0, [])]),
    io:format("~p~n", [try_call(fun no_mod_q:f/1, [1])]),
    %% direct call syntax with a non-fun
    R = try (id(self_not_fun))(1) catch error:E -> E end,
    io:format("~p~n", [R]),
    G = fun(X) when is_function(X, 2) -> yes; (_) -> no end,
    io:format("~p~n", [[G(F) || F <- Funs]]),
    ok.
