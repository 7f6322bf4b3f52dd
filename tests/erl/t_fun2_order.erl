%% Ordering of local and external funs in lists:sort, funs that differ
%% only in their environment, self-referencing named funs, and funs that
%% travel in messages and through term_to_binary.
-module(t_fun2_order).
-export([main/0, id/1, z/0, a/0]).
id(X) -> X.
z() -> ok.
a() -> ok.
main() ->
    K = id(1),
    Fs = [fun() -> 1 end, fun(X) -> X end, fun(X, Y) -> {X, Y, K} end, fun() -> K end,
          fun ?MODULE:z/0, fun ?MODULE:a/0, fun lists:map/2, fun erlang:abs/1,
          fun() -> K + 1 end, fun id/1],
    Names = fun(L) -> [element(2, erlang:fun_info(F, name)) || F <- L] end,
    io:format("~p~n", [Names(lists:sort(Fs))]),
    io:format("~p~n", [Names(lists:sort(lists:reverse(Fs)))]),
    Mk = fun(V) -> fun() -> V end end,
    io:format("~p~n", [[F() || F <- lists:sort([Mk(3), Mk(1), Mk(a), Mk(2.0), Mk([x])])]]),
    NF = fun Self(0) -> Self; Self(N) -> N end,
    io:format("~p~n", [erlang:fun_info(NF, env) =:= {env, []}]),
    io:format("~p~n", [NF(0) =:= NF]),
    io:format("~p~n", [erlang:phash2([Mk(1), Mk(2)]) =:= erlang:phash2([Mk(1), Mk(2)])]),
    Self = self(),
    spawn(fun() -> Self ! {f, Mk(7)} end),
    receive {f, G} -> io:format("~p~n", [{G(), G == Mk(7)}]) end,
    B = term_to_binary(Mk(9)),
    G2 = binary_to_term(B),
    io:format("~p~n", [{G2(), G2 == Mk(9)}]),
    ok.
