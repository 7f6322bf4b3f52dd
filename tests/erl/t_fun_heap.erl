%% Closures created between a heap check and the constructions that use the
%% space it reserved (make_fun3 inside tuples and lists), many times over so
%% the heap fills and collects.
-module(t_fun_heap).
-export([main/0, id/1]).

id(X) -> X.

mk(N) -> {N, fun(X, Y) -> X * Y + N end, [N, fun(Z) -> Z + N end], fun() -> N end}.

main() ->
    L = [mk(I) || I <- lists:seq(1, 20000)],
    S = lists:foldl(fun({N, F, [N, G], H}, Acc) -> Acc + F(2, 3) + G(N) + H() end, 0, L),
    erlang:display(S),
    erlang:display([catch list_to_binary(id(fun(X) -> X end)), catch iolist_size(id([1, fun() -> 0 end]))]
                   =:= [catch list_to_binary(id(a)), catch iolist_size(id(a))]),
    ok.
