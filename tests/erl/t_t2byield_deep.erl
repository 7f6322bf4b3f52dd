-module(t_t2byield_deep).
-export([main/0]).

%% Deep and long terms: term_to_binary, term_to_iovec, external_size and
%% binary_to_term never recurse on the native stack.
main() ->
    Deep = nest(1000000, []),
    show(deep_list, Deep),
    show(deep_tuple, tnest(1000000, {})),
    show(deep_map, mnest(200000, #{})),
    show(deep_mixed, xnest(300000, <<"x">>)),
    Long = lists:seq(1, 10000000),
    show(long_list, Long),
    show(long_improper, lists:foldl(fun(I, Acc) -> [I | Acc] end, tail, lists:seq(1, 2000000))),
    show(long_string, lists:duplicate(3000000, $a)),
    show(wide_tuple, list_to_tuple(lists:seq(1, 2000000))),
    %% Hand-made external form of a list nested 2,000,000 deep.
    N = 2000000,
    Ext = iolist_to_binary([131, lists:duplicate(N, [108, <<1:32>>]), 106,
                            lists:duplicate(N, 106)]),
    D2 = binary_to_term(Ext),
    erlang:display({decoded_depth, depth(D2, 0)}),
    ok.

show(Name, T) ->
    B = term_to_binary(T),
    Z = term_to_binary(T, [compressed]),
    I = iolist_to_binary(term_to_iovec(T)),
    T = binary_to_term(B),
    T = binary_to_term(Z),
    erlang:display({Name, byte_size(B), erlang:phash2(B), byte_size(Z),
                    I =:= B, erlang:external_size(T) =:= byte_size(B)}).

nest(0, Acc) -> Acc;
nest(N, Acc) -> nest(N - 1, [Acc]).

tnest(0, Acc) -> Acc;
tnest(N, Acc) -> tnest(N - 1, {N, Acc}).

mnest(0, Acc) -> Acc;
mnest(N, Acc) -> mnest(N - 1, #{k => Acc, n => N}).

xnest(0, Acc) -> Acc;
xnest(N, Acc) when N rem 3 =:= 0 -> xnest(N - 1, [Acc, N]);
xnest(N, Acc) when N rem 3 =:= 1 -> xnest(N - 1, {Acc});
xnest(N, Acc) -> xnest(N - 1, #{N => Acc}).

depth([X], D) -> depth(X, D + 1);
depth([], D) -> D.
