%% erts_internal:term_type/1 and erts_internal:cmp_term/2.
-module(t_bif2_term_type).
-export([main/0]).

id(X) -> X.

main() ->
    Big = list_to_binary(lists:duplicate(100, 7)),
    <<_, Sub/binary>> = Big,
    Hash = maps:from_list([{I, I} || I <- lists:seq(1, 100)]),
    Terms = [id(1), id(1 bsl 70), id(-(1 bsl 70)), id(1.5), id(atom), id([]), id([1]), id({}), id({a}),
             id(<<"abc">>), Big, Sub, id(#{}), id(#{a => 1}), Hash, make_ref(), self(),
             fun() -> ok end, fun lists:map/2, id("x")],
    io:format("~p~n", [[erts_internal:term_type(T) || T <- Terms]]),
    C = fun erts_internal:cmp_term/2,
    io:format("~p~n", [[C(1, 2), C(2, 1), C(2, 2), C(1, a), C(a, 1), C(a, a)]]),
    io:format("~p~n", [[C(1, 1.0), C(1.0, 1), C(1.0, 1.0), C(1, 1 bsl 65), C(1 bsl 65, 1)]]),
    io:format("~p~n", [[C(1 bsl 65, float(1)), C(float(1), 1 bsl 65), C(1, float(1 bsl 65)),
                        C(float(1 bsl 65), 1), C(float(1 bsl 65), float(1 bsl 65))]]),
    io:format("~p~n", [[C(0, 2147483648), C(2147483648, 2147483648), C(2147483648, 0)]]),
    io:format("~p~n", [[C({1, a}, {1.0, a}), C([1], [1.0]), C(#{1 => a}, #{1.0 => a}), C(<<1>>, <<1>>),
                        C(-0.0, 0.0), C(2.0, 1), C(-5, -5.0)]]),
    ok.
