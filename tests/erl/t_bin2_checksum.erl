%% erlang:crc32/1,2, adler32/1,2 and their _combine/3 over binaries,
%% deep iolists and sub-binaries; incremental vs one-shot; error cases.
-module(t_bin2_checksum).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Data = [<<>>, <<"a">>, <<"abc">>, <<"123456789">>, <<"The quick brown fox jumps over the lazy dog">>,
            binary:copy(<<0>>, 100), binary:copy(<<255>>, 7000), list_to_binary(lists:seq(0, 255))],
    io:format("~p~n", [[{erlang:crc32(id(D)), erlang:adler32(id(D))} || D <- Data]]),
    %% iolists give the same as the flattened binary
    IO = [$a, [<<"bc">>, [[$d]], <<>>], "efg" | <<"hij">>],
    Flat = iolist_to_binary(IO),
    io:format("~p~n", [{erlang:crc32(IO) =:= erlang:crc32(Flat), erlang:adler32(IO) =:= erlang:adler32(Flat),
                        erlang:crc32(Flat), erlang:adler32(Flat)}]),
    %% incremental computation over pieces
    Big = list_to_binary([integer_to_list(X) || X <- lists:seq(1, 3000)]),
    Pieces = [binary:part(Big, S, min(700, byte_size(Big) - S)) || S <- lists:seq(0, byte_size(Big) - 1, 700)],
    Crc = lists:foldl(fun(P, C) -> erlang:crc32(C, P) end, 0, Pieces),
    Adl = lists:foldl(fun(P, A) -> erlang:adler32(A, P) end, 1, Pieces),
    io:format("~p~n", [{Crc, Crc =:= erlang:crc32(Big), Adl, Adl =:= erlang:adler32(Big)}]),
    %% combine
    {A, B} = split_binary(Big, 5000),
    io:format("~p~n", [{erlang:crc32_combine(erlang:crc32(A), erlang:crc32(B), byte_size(B)) =:= erlang:crc32(Big),
                        erlang:adler32_combine(erlang:adler32(A), erlang:adler32(B), byte_size(B)) =:= erlang:adler32(Big)}]),
    io:format("~p~n", [[{erlang:crc32_combine(X, Y, N), erlang:adler32_combine(X, Y, N)}
                        || {X, Y, N} <- [{0, 0, 0}, {1, 2, 3}, {16#FFFFFFFF, 16#FFFFFFFF, 16#FFFFFFFF},
                                         {123456, 654321, 65521}, {5, 7, 1000000}]]]),
    %% sub-binaries, also unaligned-start ones made byte aligned again
    <<_:3, Odd:80/bits, _/bits>> = Big,
    <<Al:10/binary>> = <<Odd/bits>>,
    io:format("~p~n", [{erlang:crc32(Al), erlang:crc32(binary:part(Big, 1, 100))}]),
    %% start values at the ends of the range
    io:format("~p~n", [[erlang:crc32(S, <<"xyz">>) || S <- [0, 1, 16#FFFFFFFF]]]),
    io:format("~p~n", [[erlang:adler32(S, D) || S <- [0, 1, 16#FFF0FFF0], D <- [<<>>, <<"a">>, <<"abcdefghijklmnopqrst">>]]]),
    %% errors
    io:format("~p~n", [[e(F) || F <- [fun() -> erlang:crc32(id(1)) end,
                                      fun() -> erlang:crc32(id(<<1:7>>)) end,
                                      fun() -> erlang:crc32(id([256])) end,
                                      fun() -> erlang:crc32(id(-1), <<>>) end,
                                      fun() -> erlang:crc32(id(1 bsl 32), <<>>) end,
                                      fun() -> erlang:adler32(id(a)) end,
                                      fun() -> erlang:adler32(id(1.0), <<>>) end,
                                      fun() -> erlang:crc32_combine(1, 2, id(-1)) end,
                                      fun() -> erlang:crc32_combine(1, 2, id(1 bsl 32)) end,
                                      fun() -> erlang:adler32_combine(id(1 bsl 32), 1, 1) end]]]),
    ok.
