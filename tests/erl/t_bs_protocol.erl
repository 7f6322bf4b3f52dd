%% Realistic binary protocols: an IPv4 header with checksum, a PNG-like
%% chunk stream with CRC (erlang:crc32), varints (LEB128), a DNS name
%% encoder/decoder, base64 round trips, and hex encoding.
-module(t_bs_protocol).
-export([main/0]).

id(X) -> X.

%% ---- IPv4
ipv4(Src, Dst, Payload) ->
    Len = 20 + byte_size(Payload),
    H0 = <<4:4, 5:4, 0:8, Len:16, 16#1234:16, 0:1, 1:1, 0:1, 0:13, 64:8, 17:8, 0:16,
           Src/binary, Dst/binary>>,
    Sum = checksum(H0),
    <<Pre:10/binary, _:16, Post/binary>> = H0,
    <<Pre/binary, Sum:16, Post/binary, Payload/binary>>.

checksum(B) -> checksum(B, 0).
checksum(<<W:16, R/binary>>, A) -> checksum(R, A + W);
checksum(<<>>, A) ->
    S = (A band 16#FFFF) + (A bsr 16),
    S2 = (S band 16#FFFF) + (S bsr 16),
    bnot S2 band 16#FFFF.

parse_ipv4(<<4:4, IHL:4, _Tos:8, Len:16, Id:16, _:1, DF:1, MF:1, Frag:13, TTL:8, Proto:8, Sum:16,
             Src:4/binary, Dst:4/binary, Rest/binary>> = P) when IHL >= 5 ->
    OptLen = (IHL - 5) * 4,
    <<_:OptLen/binary, Payload/binary>> = Rest,
    <<Hdr:20/binary, _/binary>> = P,
    #{len => Len, id => Id, df => DF, mf => MF, frag => Frag, ttl => TTL, proto => Proto, sum => Sum,
      src => list_to_tuple(binary_to_list(Src)), dst => list_to_tuple(binary_to_list(Dst)),
      payload => Payload, valid => checksum(Hdr) =:= 0}.

%% ---- chunks with CRC
chunk(Type, Data) ->
    <<(byte_size(Data)):32, Type:4/binary, Data/binary, (erlang:crc32(<<Type/binary, Data/binary>>)):32>>.

chunks(<<Len:32, Type:4/binary, Data:Len/binary, Crc:32, Rest/binary>>, Acc) ->
    Ok = Crc =:= erlang:crc32(<<Type/binary, Data/binary>>),
    chunks(Rest, [{Type, byte_size(Data), Ok} | Acc]);
chunks(<<>>, Acc) -> lists:reverse(Acc);
chunks(Bad, Acc) -> lists:reverse([{trailing, byte_size(Bad)} | Acc]).

%% ---- LEB128 varints
enc_var(N) when N < 128 -> <<N>>;
enc_var(N) -> <<1:1, (N band 127):7, (enc_var(N bsr 7))/binary>>.

dec_var(B) -> dec_var(B, 0, 0).
dec_var(<<1:1, X:7, R/binary>>, Sh, Acc) -> dec_var(R, Sh + 7, Acc bor (X bsl Sh));
dec_var(<<0:1, X:7, R/binary>>, Sh, Acc) -> {Acc bor (X bsl Sh), R}.

%% zigzag for signed
zz(N) when N >= 0 -> N * 2;
zz(N) -> -N * 2 - 1.
unzz(Z) when Z band 1 =:= 0 -> Z bsr 1;
unzz(Z) -> -((Z + 1) bsr 1).

%% ---- DNS names
dns_enc(Name) ->
    Labels = binary:split(Name, <<".">>, [global, trim_all]),
    << <<(<< (byte_size(L)):8, L/binary >>)/binary>> || L <- Labels >>.
dns_dec(<<0, Rest/binary>>, Acc) -> {lists:join(<<".">>, lists:reverse(Acc)), Rest};
dns_dec(<<N, L:N/binary, Rest/binary>>, Acc) -> dns_dec(Rest, [L | Acc]).

hex(B) -> << <<(hd(integer_to_list(N, 16)))>> || <<N:4>> <= B >>.
unhex(H) -> << <<(list_to_integer([C], 16)):4>> || <<C>> <= H >>.

main() ->
    P = ipv4(<<10, 0, 0, 1>>, <<192, 168, 1, 254>>, id(<<"hello, udp">>)),
    io:format("~p~n", [P]),
    io:format("~p~n", [parse_ipv4(P)]),
    <<Pre:11/binary, X, Post/binary>> = P,
    io:format("~p~n", [maps:get(valid, parse_ipv4(<<Pre/binary, (X bxor 1), Post/binary>>))]),
    Stream = iolist_to_binary([chunk(<<"IHDR">>, <<1, 2, 3, 4>>), chunk(<<"DATA">>, binary:copy(<<"xyz">>, 100)),
                               chunk(<<"IEND">>, <<>>)]),
    io:format("~p~n", [chunks(Stream, [])]),
    <<S1:20/binary, Flip, S2/binary>> = Stream,
    io:format("~p~n", [chunks(<<S1/binary, (Flip bxor 255), S2/binary>>, [])]),
    io:format("~p~n", [chunks(<<Stream/binary, 0, 0>>, [])]),
    Ns = [0, 1, 127, 128, 300, 16383, 16384, 1 bsl 32, (1 bsl 63) - 1, 1 bsl 100],
    Enc = [enc_var(id(N)) || N <- Ns],
    io:format("~p~n", [Enc]),
    io:format("~p~n", [[element(1, dec_var(E)) || E <- Enc] =:= Ns]),
    All = iolist_to_binary(Enc),
    io:format("~p~n", [dec_all(All, [])]),
    io:format("~p~n", [[{N, zz(N), unzz(zz(N))} || N <- [0, -1, 1, -2, 2, -(1 bsl 62), 1 bsl 62]]]),
    D = dns_enc(id(<<"www.example.co.uk">>)),
    io:format("~p~n", [D]),
    {Name, Tail} = dns_dec(<<D/binary, 0, "rest">>, []),
    io:format("~p ~p~n", [iolist_to_binary(Name), Tail]),
    Raw = id(<<0, 1, 2, 250, 251, 252, 253, 254, 255, "Man is distinguished">>),
    B64 = base64:encode(Raw),
    io:format("~p ~p~n", [B64, base64:decode(B64) =:= Raw]),
    io:format("~p~n", [[base64:encode(binary:part(Raw, 0, N)) || N <- [0, 1, 2, 3, 4, 5]]]),
    H = hex(Raw),
    io:format("~p ~p~n", [H, unhex(H) =:= Raw]),
    io:format("~p~n", [{erlang:crc32(<<>>), erlang:crc32(<<"123456789">>), erlang:adler32(<<"Wikipedia">>),
                        erlang:crc32(erlang:crc32(<<"1234">>), <<"56789">>)}]),
    ok.

dec_all(<<>>, Acc) -> lists:reverse(Acc);
dec_all(B, Acc) -> {N, R} = dec_var(B), dec_all(R, [N | Acc]).
