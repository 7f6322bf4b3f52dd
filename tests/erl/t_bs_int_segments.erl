%% bs_create_bin / bs_get_integer2: integer segments of every size 1..130,
%% both endiannesses, signed and unsigned, literal and dynamic sizes/units.
-module(t_bs_int_segments).
-export([main/0]).

id(X) -> X.

main() ->
    Vals = [0, 1, -1, 5, -5, 127, -128, 255, 256, 65535, -65536,
            16#DEADBEEF, -16#DEADBEEF, 1 bsl 59, -(1 bsl 59), 1 bsl 60,
            (1 bsl 64) - 1, -(1 bsl 63), 1 bsl 100, -(1 bsl 100) + 7],
    %% sizes with a dynamic size: build, match back unsigned/signed both ends
    Res = [begin
               B1 = <<V:S>>,
               B2 = <<V:S/little>>,
               <<U1:S>> = B1,
               <<I1:S/signed>> = B1,
               <<U2:S/little>> = B2,
               <<I2:S/little-signed>> = B2,
               {S, U1 =:= U2, I1 =:= I2, erlang:phash2({U1, I1})}
           end || V <- Vals, S <- [id(1), id(3), id(7), id(8), id(9), id(15), id(16),
                                  id(17), id(31), id(32), id(33), id(47), id(59), id(60),
                                  id(61), id(63), id(64), id(65), id(100), id(128), id(130)]],
    io:format("~p~n", [length(Res)]),
    io:format("~p~n", [lists:sum([H || {_, _, _, H} <- Res])]),
    io:format("~p~n", [lists:all(fun({S, A, B, _}) -> (S rem 8 =/= 0) orelse (A and B) end, Res)]),
    %% exact bytes for a selection
    lists:foreach(fun(V) ->
                          io:format("~p ~p ~p ~p~n",
                                    [V, <<V:24>>, <<V:24/little>>, <<V:13/little>>])
                  end, [id(X) || X <- [0, 1, -1, 16#123456, -16#123456, 1 bsl 30]]),
    %% units
    U = id(3),
    io:format("~p~n", [[<<(id(16#ABCDEF)):U/unit:8>>, <<(id(16#ABCDEF)):U/unit:8-little>>,
                        <<(id(5)):U/unit:1>>, <<(id(-1)):U/unit:5>>, <<(id(7)):2/unit:3>>]]),
    %% native = little on x86-64 and aarch64
    io:format("~p~n", [<<(id(258)):16/native>> =:= <<(id(258)):16/little>>]),
    %% signed match of the extreme values
    <<A:8/signed, B:16/signed-little, C:64/signed, D:64/unsigned>> =
        id(<<128, 0, 128, 128, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255>>),
    io:format("~p~n", [{A, B, C, D}]),
    %% truncation of too-large values
    io:format("~p~n", [[<<(id(1 bsl 70 + 3)):8>>, <<(id(-(1 bsl 70) - 1)):16>>,
                        <<(id(16#1FF)):8/little>>, <<(id(-129)):8/signed>>]]),
    %% mixed segment sequences, misaligned integers between
    Mix = <<(id(1)):3, (id(1000)):17/little, (id(-3)):6/signed, (id(1 bsl 70)):75, (id(9)):3>>,
    io:format("~p ~p~n", [Mix, bit_size(Mix)]),
    <<M1:3, M2:17/little, M3:6/signed, M4:75, M5:3>> = Mix,
    io:format("~p~n", [{M1, M2, M3, M4, M5}]),
    %% zero-size segments
    Z = id(0),
    io:format("~p~n", [{<<(id(123)):Z>>, <<(id(1)):Z, 5>>}]),
    <<Zero:Z, Rest/binary>> = id(<<7, 8>>),
    io:format("~p~n", [{Zero, Rest}]),
    %% matching fails on short input
    io:format("~p~n", [[case id(Bin) of <<X:Sz/signed, _/bits>> -> {ok, X}; _ -> nomatch end
                        || {Bin, Sz} <- [{<<1, 2>>, 17}, {<<1, 2, 3>>, 17}, {<<>>, 0},
                                        {<<255>>, 1}, {<<255>>, 8}, {<<1:1>>, 1}]]]),
    ok.
