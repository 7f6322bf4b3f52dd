-module(t_bin_match).
-export([main/0]).
id(X) -> X.
parse(<<Len:16, Data:Len/binary, Rest/binary>>) -> {Len, Data, parse(Rest)};
parse(<<>>) -> done;
parse(Other) -> {bad, Other}.
ints(<<A:8, B:16/little, C:4, D:4/signed, E:32/little-signed, F:24, G:7, H:1>>) -> {A,B,C,D,E,F,G,H};
ints(_) -> nomatch.
floats(<<A:64/float, B:32/float, C:16/float, D:64/little-float>>) -> {A,B,C,D};
floats(_) -> nomatch.
units(<<X:3/unit:8, Y:2/binary-unit:16, Z/bitstring>>) -> {X, Y, Z}.
big(<<X:100, Y:100/little-signed, Z:70/signed>>) -> {X, Y, Z}.
tail(<<_:3, T/bits>>) -> T.
count(<<>>, N) -> N;
count(<<_, R/binary>>, N) -> count(R, N + 1).
sum(<<X:8, R/binary>>, A) -> sum(R, A + X);
sum(<<>>, A) -> A.
main() ->
    erlang:display(parse(id(<<0,3,"abc",0,1,"z">>))),
    erlang:display(parse(id(<<0,9,"abc">>))),
    erlang:display(ints(id(<<1, 2,3, 16#9F, 255,255,255,255, 1,2,3, 16#FF>>))),
    erlang:display(ints(id(<<1,2>>))),
    erlang:display(floats(id(<<1.5/float, 2.5:32/float, 1.0:16/float, 3.25/little-float>>))),
    erlang:display(floats(id(<<-1:64, 0:32, 0:16, 0:64>>))),
    erlang:display(units(id(<<1,2,3,4,5,6,7,8,9:4>>))),
    erlang:display(big(id(<<(1 bsl 99):100, (-(1 bsl 90)):100/little, (-1):70>>))),
    erlang:display(tail(id(<<255, 1>>))),
    erlang:display(count(id(list_to_binary(lists:seq(1, 200))), 0)),
    erlang:display(sum(id(list_to_binary(lists:seq(1, 255))), 0)),
    case id(<<1:1, 2:7>>) of
        <<1:1, X:7>> -> erlang:display({ok, X});
        _ -> erlang:display(no)
    end,
    Sz = id(12),
    <<P:Sz, Q:(16 - Sz)>> = id(<<16#ABCD:16>>),
    erlang:display({P, Q}),
    erlang:display(catch (fun() -> <<_:8, _/binary>> = id(<<>>) end)()),
    erlang:display([X || <<X:3>> <= id(<<2#10110011, 2#01000000>>)]),
    ok.
