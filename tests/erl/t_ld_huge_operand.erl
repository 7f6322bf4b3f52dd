%% Bit-syntax matches whose sizes do not fit a machine word. The compiler
%% emits `bs_test_tail2` with a `u` operand of 2^64+8 (beyond 64 bits: the
%% loader must accept it, and the match must simply fail), `bs_skip_bits2`
%% and `bs_get_binary2` with bignum sizes, and tails just below/above the
%% 32-bit and 12-bit immediates BEAM's JITs special-case.
-module(t_ld_huge_operand).
-export([main/0]).

id(X) -> X.

huge_tail(<<B:8, _:16#1_0000_0000_0000_0000>>) -> {huge, B};
huge_tail(<<B:8, _/bits>>) -> {other, B};
huge_tail(_) -> none.

tail_2_64(<<B:8, _:16#FFFF_FFFF_FFFF_FFFF>>) -> {max, B};
tail_2_64(_) -> nomatch.

tail_2_63(<<B:8, _:16#8000_0000_0000_0000>>) -> {b63, B};
tail_2_63(_) -> nomatch.

tail_2_31(<<B:8, _:16#8000_0000>>) -> {b31, B};
tail_2_31(_) -> nomatch.

tail_4097(<<B:8, _:16#1001>>) -> {b4097, B};
tail_4097(_) -> nomatch.

%% Bignum sizes given at run time and as literals, in the middle of a match.
skip_big(Bin, N) ->
    case Bin of
        <<_:N, Rest/binary>> -> {skipped, Rest};
        <<X:8, _/binary>> -> {first, X};
        _ -> none
    end.

get_big(Bin, N) ->
    case Bin of
        <<X:N/binary, _/binary>> -> {got, X};
        <<X:N/integer>> -> {int, X};
        _ -> none
    end.

lit_big(<<_:16#1_0000_0000_0000_0000, R/binary>>) -> {lit, R};
lit_big(<<X:16#1_0000_0000_0000_0000/binary, _/binary>>) -> {lit2, X};
lit_big(B) -> {nolit, byte_size(B)}.

catching(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    erlang:display(huge_tail(id(<<42, 0:16>>))),
    erlang:display(huge_tail(id(<<42>>))),
    erlang:display(huge_tail(id(<<>>))),
    erlang:display(catching(fun() -> huge_tail(id(<<1, 2:3>>)) end)),
    erlang:display(tail_2_64(id(<<7, 1, 2, 3>>))),
    erlang:display(tail_2_63(id(<<7, 1, 2, 3>>))),
    erlang:display(tail_2_31(id(<<7, 0:100>>))),
    erlang:display(tail_4097(id(<<7, 0:16#1001>>))),
    erlang:display(tail_4097(id(<<7, 0:16#1000>>))),
    Big = id(1 bsl 64),
    erlang:display(skip_big(id(<<1, 2, 3>>), Big)),
    erlang:display(skip_big(id(<<1, 2, 3>>), 8)),
    erlang:display(get_big(id(<<1, 2, 3>>), Big)),
    erlang:display(get_big(id(<<1, 2, 3>>), -Big)),
    erlang:display(get_big(id(<<1, 2, 3>>), 2)),
    erlang:display(lit_big(id(<<1, 2, 3>>))),
    erlang:display([huge_tail(id(<<N, 0:N>>)) || N <- lists:seq(0, 9)]),
    ok.
