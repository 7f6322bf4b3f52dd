-module(t_bin_bits).
-export([main/0]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
rev(<<>>) -> <<>>;
rev(<<B:1, R/bits>>) -> <<(rev(R))/bits, B:1>>.
main() ->
    L = [<<1:1>>, <<0:1>>, <<5:3>>, <<1:7>>, <<255, 1:1>>, <<"ab", 3:2>>, <<1:9>>, <<16#FFF:12>>, <<0:15>>, <<1:17>>],
    [erlang:display({X, bit_size(X), byte_size(X), is_binary(X), is_bitstring(X)}) || X <- L],
    erlang:display(rev(id(<<2#1101:4>>))),
    erlang:display(rev(id(<<"ab">>))),
    erlang:display(bitstring_to_list(id(<<1, 2, 3:3>>))),
    erlang:display(bitstring_to_list(id(<<>>))),
    erlang:display(list_to_bitstring([<<1:3>>, 255, [<<2:5>>], <<7:4>>])),
    erlang:display(list_to_bitstring([])),
    erlang:display(e(fun() -> list_to_binary([<<1:3>>]) end)),
    erlang:display(e(fun() -> list_to_bitstring([256]) end)),
    <<A:3, B:5, C:5>> = id(<<2#10110011, 2#10100:5>>),
    erlang:display({A, B, C}),
    erlang:display(<<(id(<<1:3>>))/bits, (id(<<1:3>>))/bits, (id(<<3:2>>))/bits>>),
    erlang:display([is_binary(id(X)) || X <- [<<>>, <<1:8>>, <<1:4>>, a, [1]]]),
    F = fun(X) when is_binary(X) -> bin; (X) when is_bitstring(X) -> bits; (_) -> other end,
    erlang:display([F(X) || X <- [<<>>, <<1:1>>, <<1>>, 3]]),
    erlang:display(e(fun() -> binary_to_list(id(<<1:3>>)) end)),
    erlang:display(e(fun() -> byte_size(id(a)) end)),
    ok.
