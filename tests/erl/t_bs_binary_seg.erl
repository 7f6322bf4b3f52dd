%% Binary and bitstring segments with sizes and units: Bin:N/binary-unit:U
%% in construction and matching, bits segments, size 'all', appending
%% bitstrings to binaries and vice versa, and the errors.
-module(t_bs_binary_seg).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    B = id(<<"0123456789abcdef">>),
    io:format("~p~n", [[bu(B, N, U) || {N, U} <- [{0, 8}, {1, 8}, {4, 16}, {3, 32}, {1, 128}, {16, 8}]]]),
    io:format("~p~n", [[<<B:N/bits>> || N <- [0, 1, 7, 9, 33, 128]]]),
    io:format("~p~n", [[<<B:N/binary-unit:3>> || N <- [0, 8, 16, 40]]]),
    io:format("~p~n", [[e(fun() -> bu(B, N, U) end) || {N, U} <- [{17, 8}, {5, 32}, {-1, 8}, {1, 256}]]]),
    %% matching binaries with units
    io:format("~p~n", [[mu(B, N, U) || {N, U} <- [{2, 16}, {1, 64}, {3, 40}, {5, 32}, {0, 8}]]]),
    io:format("~p~n", [[case B of <<X:N/bits, R/bits>> -> {bit_size(X), bit_size(R)}; _ -> nomatch end
                        || N <- [0, 1, 12, 127, 128, 129]]]),
    %% bitstring values in construction require a matching size or default
    Bits = id(<<5:3>>),
    io:format("~p~n", [[<<Bits/bits, Bits/bits, Bits/bits>>, <<1:1, Bits/bitstring, B/binary>>, <<Bits:3/bits, 0:5>>]]),
    io:format("~p~n", [[e(fun() -> <<Bits/binary>> end), e(fun() -> <<Bits:2/bits>> end), e(fun() -> <<Bits:4/bits>> end),
                        e(fun() -> <<Bits:1/binary>> end)]]),
    %% append a binary onto a bitstring and the other way round
    A1 = <<Bits/bits, B/binary>>,
    A2 = <<B/binary, Bits/bits>>,
    io:format("~p ~p ~p ~p~n", [bit_size(A1), bit_size(A2), A1, A2]),
    <<_:3, Back:16/binary>> = A1,
    io:format("~p~n", [Back =:= B]),
    %% binary segment followed by further segments at non-byte offsets
    C = <<(id(1)):1, B:2/binary, (id(1)):1, (id(<<"Z">>))/binary, (id(3)):6>>,
    io:format("~p ~p~n", [C, bit_size(C)]),
    <<1:1, P:2/binary, 1:1, Q:1/binary, 3:6>> = C,
    io:format("~p~n", [{P, Q}]),
    %% a binary matched with size taken from a previous segment, in units of 32 bits
    Msg = id(<<2, "abcdefgh", "rest">>),
    <<Nw, Words:Nw/binary-unit:32, Tail/binary>> = Msg,
    io:format("~p~n", [{Words, Tail}]),
    %% large binary segments (refc) inserted in the middle
    Big = binary:copy(<<"x">>, 1000),
    D = <<"<", Big/binary, ">", Big:10/binary, (id(Big)):5/binary-unit:16>>,
    io:format("~p ~p~n", [byte_size(D), binary:part(D, 995, 20)]),
    ok.

bu(B, N, 8) -> <<B:N/binary-unit:8>>;
bu(B, N, 16) -> <<B:N/binary-unit:16>>;
bu(B, N, 32) -> <<B:N/binary-unit:32>>;
bu(B, N, 128) -> <<B:N/binary-unit:128>>;
bu(B, N, 256) -> <<B:N/binary-unit:256>>.

mu(B, N, U) ->
    case {U, B} of
        {8, <<X:N/binary-unit:8, R/binary>>} -> {X, byte_size(R)};
        {16, <<X:N/binary-unit:16, R/binary>>} -> {X, byte_size(R)};
        {32, <<X:N/binary-unit:32, R/binary>>} -> {X, byte_size(R)};
        {40, <<X:N/binary-unit:40, R/binary>>} -> {X, byte_size(R)};
        {64, <<X:N/binary-unit:64, R/binary>>} -> {X, byte_size(R)};
        _ -> nomatch
    end.
