%% erts_debug:same/2, erts_debug:flat_size/1, erts_debug:size/1: BEAM's
%% word counts whatever the representation.
-module(t_bif2_debug).
-export([main/0]).

id(X) -> X.

main() ->
    X = id(5),
    RefcBin = list_to_binary(lists:duplicate(125, 0)),
    <<_:1, Bits:20/bitstring, _/bitstring>> = id(<<1, 2, 3, 4>>),
    <<_:8, Aligned:10/binary, _/binary>> = RefcBin,
    L = [fun() -> X end, fun lists:map/2, make_ref(), 1.0, 1 bsl 64, 1 bsl 200, -(1 bsl 64), self(),
         <<1, 2, 3>>, RefcBin, id(<<1:3>>), id(#{}), id(#{a => 1}), id(#{a => 1, b => 2}),
         maps:from_list([{I, I} || I <- lists:seq(1, 40)]), {}, {a, b}, [a, b], "abc", [], <<>>,
         atom, 3, fun(A, B) -> {A, B, X} end, Bits, Aligned, id({1.0, 1.0}),
         maps:from_list([{I, [I]} || I <- lists:seq(1, 200)])],
    io:format("~p~n", [[{erts_debug:flat_size(T), erts_debug:size(T)} || T <- L]]),
    A = id([a, b]),
    B = [A, A],
    io:format("~p ~p~n", [erts_debug:size(B), erts_debug:flat_size(B)]),
    T = id({1, 2}),
    Shared = {T, T, [T, T], #{k => T}},
    io:format("~p ~p~n", [erts_debug:size(Shared), erts_debug:flat_size(Shared)]),
    io:format("~p~n", [[erts_debug:same(A, A), erts_debug:same(A, id([a, b])), erts_debug:same(1, 1),
                        erts_debug:same(a, a), erts_debug:same(<<>>, <<>>)]]),
    Bin = <<1, 2, 3>>,
    io:format("~p~n", [erts_debug:same(<<Bin/binary, <<>>/binary>>, Bin)]),
    ok.
