%% Fun equality and ordering: same fun and environment compare equal,
%% external funs compare by M/F/A, and funs sort between other types as
%% in erl.
-module(t_fun2_compare).
-export([main/0, id/1, f/1, g/1]).

id(X) -> X.
f(X) -> X.
g(X) -> X.

mk(V) -> fun() -> V end.

main() ->
    A1 = mk(1), A2 = mk(1), B = mk(2),
    io:format("~p~n", [{A1 == A2, A1 =:= A2, A1 == B, A1 < B orelse A1 > B}]),
    io:format("~p~n", [A1 < B]),
    E1 = fun ?MODULE:f/1, E2 = fun ?MODULE:f/1, E3 = fun ?MODULE:g/1,
    io:format("~p~n", [{E1 == E2, E1 =:= id(E2), E1 == E3, E1 < E3}]),
    L1 = fun lists:map/2, L2 = fun lists:filter/2, L3 = fun erlang:abs/1,
    io:format("~p~n", [lists:sort([L1, L2, L3]) == [L3, L2, L1]]),
    io:format("~p~n", [{L1 < L2, L3 < L1, fun lists:map/2 =:= L1}]),
    %% funs vs other types
    Terms = [A1, 1, atom, {t}, [l], <<"b">>, #{m => 1}, 2.0, E1, make_ref_free],
    Sorted = lists:sort(Terms),
    io:format("~p~n", [[kind(T) || T <- Sorted]]),
    %% local funs vs external funs
    io:format("~p~n", [{A1 < E1, E1 < A1}]),
    %% funs as map keys and in sets
    M = #{A1 => one, E1 => ext},
    io:format("~p~n", [{maps:get(A2, M), maps:get(E2, M), maps:size(M)}]),
    io:format("~p~n", [length(lists:usort([A1, A2, B, E1, E2, E3]))]),
    io:format("~p~n", [lists:member(mk(2), [A1, B])]),
    %% same fun defined at different places is different
    X = fun() -> 1 end, Y = fun() -> 1 end,
    io:format("~p~n", [X == Y]),
    io:format("~p~n", [erlang:phash2(E1) =:= erlang:phash2(fun ?MODULE:f/1)]),
    ok.

kind(F) when is_function(F) -> case erlang:fun_info(F, type) of {type, local} -> local_fun; _ -> ext_fun end;
kind(T) when is_integer(T) -> int;
kind(T) when is_float(T) -> float;
kind(T) when is_atom(T) -> atom;
kind(T) when is_tuple(T) -> tuple;
kind(T) when is_list(T) -> list;
kind(T) when is_binary(T) -> binary;
kind(T) when is_map(T) -> map.
