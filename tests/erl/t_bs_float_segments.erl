%% Float segments: 16/32/64 bits, both endiannesses, construction and
%% matching, special bit patterns (inf/nan do not match), rounding.
-module(t_bs_float_segments).
-export([main/0]).

id(X) -> X.

main() ->
    Fs = [0.0, -0.0, 1.0, -1.0, 0.5, 1.0e-5, 3.141592653589793, 65504.0, -65504.0,
          1.0e30, 6.1e-5, 5.960464477539063e-8, 123456.789, 2.5e-310, 1.7976931348623157e308],
    lists:foreach(
      fun(F) ->
              B64 = <<F:64/float>>,
              L64 = <<F:64/float-little>>,
              B32 = try <<F:32/float>> catch error:badarg -> badarg end,
              B16 = try <<F:16/float>> catch error:badarg -> badarg end,
              <<R64:64/float>> = B64,
              <<R64L:64/float-little>> = L64,
              io:format("~p ~p ~p ~p ~p~n", [F, B64, B32, B16, {R64 =:= F, R64L =:= F}])
      end, [id(X) || X <- Fs]),
    %% round trip through 32 and 16 bits (precision loss)
    io:format("~p~n", [[begin <<X:32/float>> = <<F:32/float>>, X end
                        || F <- [id(0.1), id(1/3), id(1.0e10), id(-2.5)]]]),
    io:format("~p~n", [[begin <<X:16/float-little>> = <<F:16/float-little>>, X end
                        || F <- [id(0.1), id(1/3), id(1000.5), id(-2.5), id(0.0001)]]]),
    %% integers are accepted as float values
    io:format("~p~n", [[<<(id(3)):32/float>>, <<(id(-7)):64/float>>, <<(id(1 bsl 80)):64/float>>,
                        <<(id(2)):16/float>>]]),
    %% inf / nan patterns fail to match as floats
    Specials = [<<16#7FF0000000000000:64>>, <<16#FFF0000000000000:64>>,
                <<16#7FF8000000000000:64>>, <<16#7F800000:32>>, <<16#7FC00000:32>>,
                <<16#7C00:16>>, <<16#FE00:16>>, <<16#3C00:16>>, <<16#3F800000:32>>],
    io:format("~p~n", [[case id(S) of
                            <<X:64/float>> -> {f64, X};
                            <<X:32/float>> -> {f32, X};
                            <<X:16/float>> -> {f16, X};
                            _ -> nomatch
                        end || S <- Specials]]),
    %% subnormals of every width
    io:format("~p~n", [[case id(<<1:W>>) of <<X:W/float>> -> X; _ -> nomatch end
                        || W <- [id(16), id(32), id(64)]]]),
    io:format("~p~n", [[case id(<<P:W>>) of <<X:W/float>> -> X; _ -> nomatch end
                        || {P, W} <- [{16#03FF, 16}, {16#007FFFFF, 32}, {16#00800000, 32},
                                      {16#000FFFFFFFFFFFFF, 64}, {16#8000000000000001, 64}]]]),
    %% float after an odd number of bits
    B = <<(id(1)):3, (id(2.75)):32/float, (id(-0.5)):64/float-little, (id(1)):5>>,
    io:format("~p~n", [B]),
    <<_:3, G1:32/float, G2:64/float-little, _:5>> = B,
    io:format("~p~n", [{G1, G2}]),
    %% dynamic float sizes, and invalid sizes
    Sz = [id(16), id(32), id(64)],
    io:format("~p~n", [[<<(id(1.5)):S/float>> || S <- Sz]]),
    io:format("~p~n", [[try <<(id(1.5)):S/float>> catch error:E -> E end || S <- [id(8), id(24), id(128)]]]),
    io:format("~p~n", [[case id(<<1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16>>) of
                            <<X:S/float, _/binary>> -> X; _ -> nomatch end
                        || S <- [id(24), id(32), id(64), id(128)]]]),
    %% units on floats: size 4 unit 16 = 64 bits
    io:format("~p~n", [<<(id(2.0)):4/float-unit:16>>]),
    ok.
