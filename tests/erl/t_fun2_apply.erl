%% apply/2,3 with funs, MFAs, variables, BIFs, and their errors.
-module(t_fun2_apply).
-export([main/0, id/1, three/3, zero/0]).

id(X) -> X.
three(A, B, C) -> [A, B, C].
zero() -> zero.

safe(F) -> try F() catch C:R -> {C, nofuns(R)} end.

nofuns(F) when is_function(F) -> {'fun', erlang:fun_info(F, arity)};
nofuns(T) when is_tuple(T) -> list_to_tuple(nofuns(tuple_to_list(T)));
nofuns(L) when is_list(L) -> [nofuns(E) || E <- L];
nofuns(X) -> X.

main() ->
    io:format("~p~n", [apply(fun(A, B) -> A - B end, [10, 3])]),
    io:format("~p~n", [apply(?MODULE, three, [a, b, c])]),
    io:format("~p~n", [apply(id(?MODULE), id(zero), [])]),
    io:format("~p~n", [apply(erlang, length, [[1, 2, 3]])]),
    io:format("~p~n", [apply(lists, seq, [1, 5])]),
    io:format("~p~n", [apply(fun lists:append/2, [[1], [2]])]),
    io:format("~p~n", [apply(erlang, '+', [1, 2])]),
    io:format("~p~n", [apply(erlang, element, [2, {a, b}])]),
    io:format("~p~n", [apply(lists, max, [[3, 9, 2]])]),
    MFAs = [{lists, reverse, [[1, 2]]}, {erlang, tuple_size, [{1, 2, 3}]},
            {string, to_upper, ["abc"]}, {?MODULE, three, [1, 2, 3]},
            {maps, from_list, [[{a, 1}]]}],
    io:format("~p~n", [[apply(M, F, A) || {M, F, A} <- MFAs]]),
    io:format("~p~n", [safe(fun() -> apply(?MODULE, three, [1]) end)]),
    io:format("~p~n", [safe(fun() -> apply(nomod_z, f, []) end)]),
    io:format("~p~n", [safe(fun() -> apply(id(1), f, []) end)]),
    io:format("~p~n", [safe(fun() -> apply(lists, id("seq"), [1, 2]) end)]),
    io:format("~p~n", [safe(fun() -> apply(lists, reverse, id(notlist)) end)]),
    io:format("~p~n", [safe(fun() -> apply(lists, reverse, id([a | b])) end)]),
    io:format("~p~n", [safe(fun() -> apply(fun(X) -> X end, id([1, 2])) end)]),
    io:format("~p~n", [safe(fun() -> apply(id(nofun), [1]) end)]),
    io:format("~p~n", [safe(fun() -> apply(erlang, hd, [[]]) end)]),
    %% tuple-fun form is no longer supported: badfun
    io:format("~p~n", [safe(fun() -> apply(id({lists, reverse}), [[1]]) end)]),
    %% tail position apply
    io:format("~p~n", [loop(10000, 0)]),
    ok.

loop(0, Acc) -> Acc;
loop(N, Acc) -> apply(?MODULE, id(zero), []), apply(fun loop/2, [N - 1, Acc + 1]).
