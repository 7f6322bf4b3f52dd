-module(t_bin_errors).
-export([main/0]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
g(X) when <<X:8>> =:= <<1>> -> one;
g(X) when is_integer(X) -> int;
g(_) -> other.
h(X, S) when bit_size(<<X:S>>) > 4 -> wide;
h(_, _) -> narrow_or_bad.
main() ->
    A = id(a), N = id(-1), F = id(1.5), Bits = id(<<1:3>>), Bin = id(<<1, 2>>),
    L = [fun() -> <<A:8>> end,
         fun() -> <<F:8>> end,
         fun() -> <<1:N>> end,
         fun() -> <<1:A>> end,
         fun() -> <<A/binary>> end,
         fun() -> <<Bits/binary>> end,
         fun() -> <<Bin:3/binary>> end,
         fun() -> <<A/float>> end,
         fun() -> <<F:(id(8))/float>> end,
         fun() -> <<(id(1 bsl 2000))/float>> end,
         fun() -> <<(id(1.0e300)):32/float>> end,
         fun() -> <<(id(100000.0)):16/float>> end,
         fun() -> <<A/utf8>> end,
         fun() -> <<Bits/bitstring, A>> end,
         fun() -> <<A/binary, 1>> end,
         fun() -> <<1:(id(1 bsl 64))>> end,
         fun() -> <<Bin/binary-unit:16, 1>> end,
         fun() -> <<1:(id(foo))/unit:8>> end,
         fun() -> <<(id([1]))/binary>> end,
         fun() -> <<X:8>> = id(<<1:4>>), X end,
         fun() -> <<_:N>> = Bin end,
         fun() -> <<_:A, _/binary>> = Bin end],
    [erlang:display(e(Fun)) || Fun <- L],
    erlang:display([g(X) || X <- [1, 257, 2, a, 1.0]]),
    erlang:display([h(X, S) || {X, S} <- [{1, 8}, {1, 2}, {a, 8}, {1, a}, {1, -1}]]),
    ok.
