%% Benchmark: binary protocol parsing with bit syntax: a large binary of
%% length-prefixed records (fixed-width integers, varints, nested
%% key/value fields, sub-binaries, bit fields) parsed repeatedly.
-module(b_bin_parse).
-export([main/0, id/1]).

id(X) -> X.

%% ---- building the input (not timed)
varint(N) when N < 128 -> <<0:1, N:7>>;
varint(N) -> <<1:1, (N band 127):7, (varint(N bsr 7))/binary>>.

record(S) ->
    case S rem 4 of
        0 ->
            Ints = << <<((S * I) band 16#FFFFFFFF):32/big>> || I <- lists:seq(1, 8) >>,
            frame(1, Ints);
        1 ->
            Name = list_to_binary(["name-", integer_to_list(S rem 100000)]),
            frame(2, <<(byte_size(Name)):8, Name/binary, (S rem 65536):16/little>>);
        2 ->
            KVs = << <<(varint(K))/binary, (varint(S rem (1 bsl (K * 3))))/binary>>
                     || K <- lists:seq(1, 5) >>,
            frame(3, <<5:8, KVs/binary>>);
        3 ->
            frame(4, <<(S band 7):3, (S band 31):5, (S band 16#FFF):12, 0:4, (S rem 1000):16/signed>>)
    end.

frame(Type, Payload) ->
    <<Type:8, (byte_size(Payload)):16/big, Payload/binary>>.

build(0, _, Acc) -> iolist_to_binary(Acc);
build(N, S, Acc) ->
    S1 = (S * 1103515245 + 12345) band 16#7FFFFFFF,
    build(N - 1, S1, [record(S1) | Acc]).

%% ---- parsing (timed)
parse(<<>>, Acc) -> Acc;
parse(<<Type:8, Len:16/big, Payload:Len/binary, Rest/binary>>, Acc) ->
    parse(Rest, (Acc + payload(Type, Payload)) band 16#FFFFFFF).

payload(1, Bin) -> sum32(Bin, 0);
payload(2, <<N:8, Name:N/binary, Port:16/little>>) ->
    name_hash(Name, Port);
payload(3, <<Count:8, Rest/binary>>) -> kvs(Count, Rest, 0);
payload(4, <<A:3, B:5, C:12, _:4, D:16/signed>>) -> A * 7 + B * 3 + C + D.

sum32(<<X:32/big, Rest/binary>>, Acc) -> sum32(Rest, Acc bxor X);
sum32(<<>>, Acc) -> Acc band 16#FFFF.

name_hash(<<"name-", Digits/binary>>, Port) -> digits(Digits, 0) + Port.

digits(<<D, Rest/binary>>, Acc) when D >= $0, D =< $9 -> digits(Rest, Acc * 10 + D - $0);
digits(<<>>, Acc) -> Acc.

kvs(0, <<>>, Acc) -> Acc;
kvs(N, Bin, Acc) ->
    {K, R1} = get_varint(Bin, 0, 0),
    {V, R2} = get_varint(R1, 0, 0),
    kvs(N - 1, R2, Acc + K * V).

get_varint(<<0:1, X:7, Rest/binary>>, Shift, Acc) -> {Acc bor (X bsl Shift), Rest};
get_varint(<<1:1, X:7, Rest/binary>>, Shift, Acc) -> get_varint(Rest, Shift + 7, Acc bor (X bsl Shift)).

loop(0, _, Acc) -> Acc;
loop(K, Bin, Acc) -> loop(K - 1, Bin, (Acc + parse(Bin, 0)) rem 1000000007).

main() ->
    Bin = build(id(200000), 42, []),
    T0 = erlang:monotonic_time(microsecond),
    R = loop(id(40), Bin, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, bin_parse, T1 - T0, {byte_size(Bin), R}}),
    halt().
