%% Constant-size big-endian integer fields of 1..16 bits at every bit
%% offset, signed and unsigned (the JIT reads them inline), and the
%% failure when too few bits are left.
-module(t_bs_bitfield_inline).
-export([main/0]).

main() ->
    Bin = <<16#A5, 16#3C, 16#F0, 16#0F, 16#96, 16#69, 16#FF, 16#01>>,
    R = [{Off, fields(Off, Bin)} || Off <- lists:seq(0, 17)],
    erlang:display(erlang:phash2(R)),
    erlang:display(hd(R)),
    erlang:display(lists:last(R)),
    %% the same many times over, so that optimised code runs it too
    Rep = lists:foldl(fun(_, A) -> erlang:phash2({A, [fields(O, Bin) || O <- lists:seq(0, 17)]}) end,
                      0, lists:seq(1, 400)),
    erlang:display(Rep),
    %% varint-style flag bits, as protocol parsers use them
    erlang:display(varints(<<1:1, 5:7, 1:1, 127:7, 0:1, 3:7, 0:1, 0:7>>, [])),
    %% too short: every clause fails, the last one catches it
    erlang:display([short(B) || B <- [<<>>, <<1:3>>, <<255:7>>, <<1:1, 2:11>>, <<9:15>>]]),
    %% a field ending exactly at the end of the binary
    <<_:5, E:11>> = <<16#FF, 16#FE>>,
    <<_:9, F:7/signed>> = <<0, 16#41>>,
    erlang:display({E, F}).

fields(Off, Bin) ->
    <<_:Off, T/bitstring>> = Bin,
    {u(T), s(T)}.

u(T) ->
    <<A1:1, _/bitstring>> = T, <<A2:2, _/bitstring>> = T,
    <<A3:3, _/bitstring>> = T, <<A4:4, _/bitstring>> = T,
    <<A5:5, _/bitstring>> = T, <<A6:6, _/bitstring>> = T,
    <<A7:7, _/bitstring>> = T, <<A8:8, _/bitstring>> = T,
    <<A9:9, _/bitstring>> = T, <<A10:10, _/bitstring>> = T,
    <<A11:11, _/bitstring>> = T, <<A12:12, _/bitstring>> = T,
    <<A13:13, _/bitstring>> = T, <<A14:14, _/bitstring>> = T,
    <<A15:15, _/bitstring>> = T, <<A16:16, _/bitstring>> = T,
    [A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16].

s(T) ->
    <<A1:1/signed, _/bitstring>> = T, <<A2:2/signed, _/bitstring>> = T,
    <<A3:3/signed, _/bitstring>> = T, <<A4:4/signed, _/bitstring>> = T,
    <<A5:5/signed, _/bitstring>> = T, <<A6:6/signed, _/bitstring>> = T,
    <<A7:7/signed, _/bitstring>> = T, <<A8:8/signed, _/bitstring>> = T,
    <<A9:9/signed, _/bitstring>> = T, <<A10:10/signed, _/bitstring>> = T,
    <<A11:11/signed, _/bitstring>> = T, <<A12:12/signed, _/bitstring>> = T,
    <<A13:13/signed, _/bitstring>> = T, <<A14:14/signed, _/bitstring>> = T,
    <<A15:15/signed, _/bitstring>> = T, <<A16:16/signed, _/bitstring>> = T,
    [A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16].

varints(<<0:1, X:7, Rest/bitstring>>, Acc) -> varints(Rest, [{last, X} | Acc]);
varints(<<1:1, X:7, Rest/bitstring>>, Acc) -> varints(Rest, [{more, X} | Acc]);
varints(<<>>, Acc) -> lists:reverse(Acc).

short(<<X:4, _/bitstring>>) -> {four, X};
short(<<X:12/signed, _/bitstring>>) -> {twelve, X};
short(<<X:1>>) -> {one, X};
short(B) -> {none, bit_size(B)}.
