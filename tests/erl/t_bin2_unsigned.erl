%% binary:encode_unsigned/decode_unsigned round trips over many widths,
%% both endiannesses, compared with bit syntax; and related conversions.
-module(t_bin2_unsigned).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Vals = [0, 1, 255, 256, 65535, 65536, 16#FFFFFF, 16#1000000, (1 bsl 32) - 1, 1 bsl 32,
            (1 bsl 59) - 1, 1 bsl 59, (1 bsl 60) - 1, 1 bsl 60, (1 bsl 64) - 1, 1 bsl 64,
            (1 bsl 127) + 5, 12345678901234567890123456789012345678901234567890, (1 bsl 1000) - 1],
    lists:foreach(
      fun(V0) ->
              V = id(V0),
              EB = binary:encode_unsigned(V),
              EL = binary:encode_unsigned(V, little),
              W = byte_size(EB),
              Ok = (EB =:= <<V:W/unit:8>>) andalso (EL =:= <<V:W/unit:8-little>>)
                  andalso binary:decode_unsigned(EB) =:= V
                  andalso binary:decode_unsigned(EL, little) =:= V,
              io:format("~p ~p ~p~n", [W, Ok, case W =< 8 of true -> {EB, EL}; false -> erlang:phash2({EB, EL}) end])
      end, Vals),
    %% decode with leading zeros (they do not change the value)
    io:format("~p~n", [[binary:decode_unsigned(id(B)) || B <- [<<0, 0, 0, 1>>, <<0>>, <<0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0>>]]]),
    io:format("~p~n", [[binary:decode_unsigned(id(B), little) || B <- [<<1, 0, 0, 0>>, <<0, 0, 0, 0, 0, 0, 0, 0, 0, 1>>]]]),
    %% big endian decode of long strings
    Long = binary:copy(<<16#A5>>, 40),
    D = binary:decode_unsigned(Long),
    io:format("~p ~p~n", [D, D =:= binary:decode_unsigned(Long, little)]),
    io:format("~p~n", [D rem 1000000007]),
    %% errors
    io:format("~p~n", [[e(fun() -> binary:encode_unsigned(X) end) || X <- [-1, -(1 bsl 70), 1.0, a]]]),
    io:format("~p~n", [[e(fun() -> binary:encode_unsigned(1, X) end) || X <- [middle, "big"]]]),
    io:format("~p~n", [[e(fun() -> binary:decode_unsigned(X) end) || X <- [<<1:3>>, [1], 5]]]),
    io:format("~p~n", [e(fun() -> binary:decode_unsigned(<<1>>, sideways) end)]),
    %% integer_to_binary / binary_to_integer for the same values
    io:format("~p~n", [lists:all(fun(V) -> binary_to_integer(integer_to_binary(V)) =:= V end, Vals)]),
    io:format("~p~n", [[integer_to_binary(V, 16) || V <- lists:sublist(Vals, 12, 8)]]),
    ok.
