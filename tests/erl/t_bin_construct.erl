-module(t_bin_construct).
-export([main/0]).
id(X) -> X.
main() ->
    V = id(16#1234567),
    N = id(-5),
    [erlang:display(B) || B <- [
        <<V:32>>, <<V:32/little>>, <<V:32/native>>, <<V:24/big>>, <<V:12>>, <<V:12/little>>,
        <<N:8>>, <<N:8/signed>>, <<N:16/little-signed>>, <<N:3>>, <<N:13/little>>,
        <<V:4/unit:8>>, <<V:2/unit:4>>, <<1:1,0:1,1:1,1:5>>,
        <<(id(1 bsl 70)):80>>, <<(id(-(1 bsl 70))):80/little>>, <<(id(12345678901234567890)):64/little>>,
        <<(id(1.5))/float>>, <<(id(1.5)):32/float>>, <<(id(-2.25)):16/float>>, <<(id(3.0)):64/float-little>>,
        <<(id(7)):32/float>>, <<(id(0.1)):32/little-float>>,
        <<(id(<<1,2,3>>))/binary>>, <<(id(<<1,2,3>>)):2/binary>>, <<(id(<<1,2,3,4>>)):1/binary-unit:16>>,
        <<(id(<<1:3>>))/bitstring, 5:5>>, <<"abc", "def">>, <<"abc"/utf16>>, <<$a, "b", $c:16>>,
        <<0:0>>, <<(id(0)):(id(0))>>, <<(id(255)):(id(9))>>,
        <<(id(<<"xyz">>)):(id(2))/binary, (id(<<"q">>))/binary>>
    ]],
    S = id(17),
    erlang:display(<<1:S, 2:(S*2)/little>>),
    erlang:display(bit_size(<<1:S, 2:(S*2)/little>>)),
    erlang:display(byte_size(<<(id(<<7>>))/binary, 0:(id(1000))/unit:8>>)),
    ok.
