%% A bit-packed binary protocol: message framing with a header of odd
%% bit widths, varints, zigzag, TLV options, a CRC trailer, and a
%% streaming decoder that handles partial input and corrupted frames.
-module(t_app_protocol).
-export([main/0]).

-define(MAGIC, 2#1011).
-define(VSN, 3).

main() ->
    Msgs = [
        {ping, 1},
        {login, 2, <<"alice">>, [{ttl, 300}, {flags, [compress, secure]}]},
        {data, 3, [0, 1, -1, 63, -64, 64, 300, -300, 1 bsl 40, -(1 bsl 40)]},
        {text, 4, <<"héllo wörld"/utf8>>},
        {coords, 5, [{1.5, -2.25}, {1.0e10, -0.0}, {3.14159, 2.71828}]},
        {login, 6, <<>>, []},
        {bye, 7}
    ],
    Frames = [encode(M) || M <- Msgs],
    lists:foreach(fun({M, F}) ->
                          io:format("~w~n  -> ~b bytes: ~s~n", [M, byte_size(F), hex(F)])
                  end, lists:zip(Msgs, Frames)),
    Stream = iolist_to_binary(Frames),
    io:format("stream ~b bytes~n", [byte_size(Stream)]),
    %% feed the stream in awkward chunk sizes
    lists:foreach(fun(Chunk) ->
                          {Decoded, Rest} = feed(chunks(Stream, Chunk), <<>>, []),
                          io:format("chunk ~2b: ~b msgs, rest ~b, equal ~p~n",
                                    [Chunk, length(Decoded), byte_size(Rest), Decoded =:= Msgs])
                  end, [1, 3, 7, 16, 1000]),
    %% corruption: flip a bit in the third frame
    <<Pre:40/binary, B, Post/binary>> = Stream,
    Bad = <<Pre/binary, (B bxor 16#04), Post/binary>>,
    {D2, R2} = feed([Bad], <<>>, []),
    io:format("corrupted: ~p~n rest ~b~n", [D2, byte_size(R2)]),
    io:format("varints: ~p~n", [[{N, hex(varint(zigzag(N)))} || N <- [0, -1, 1, 127, 128, -129, 16384]]]),
    io:format("bad magic: ~p~n", [catch decode_frame(<<0:4, 1:4, 0, 0, 0, 0>>)]),
    ok.

hex(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B].

chunks(<<>>, _) -> [];
chunks(B, N) when byte_size(B) =< N -> [B];
chunks(B, N) -> <<H:N/binary, T/binary>> = B, [H | chunks(T, N)].

%% ---------------------------------------------------------------- encoding
type(ping) -> 0; type(login) -> 1; type(data) -> 2; type(text) -> 3; type(coords) -> 4; type(bye) -> 15.
untype(0) -> ping; untype(1) -> login; untype(2) -> data; untype(3) -> text; untype(4) -> coords; untype(15) -> bye.

encode(Msg) ->
    [Kind, Seq | _] = tuple_to_list(Msg),
    Body = body(Msg),
    Hdr = <<?MAGIC:4, ?VSN:3, 0:1, (type(Kind)):4, Seq:12>>,
    Payload = <<Hdr/binary, (varint(byte_size(Body)))/binary, Body/binary>>,
    <<Payload/binary, (erlang:crc32(Payload)):32>>.

body({ping, _}) -> <<>>;
body({bye, _}) -> <<>>;
body({login, _, User, Opts}) ->
    <<(byte_size(User)):8, User/binary, (length(Opts)):8, (<< <<(opt(O))/binary>> || O <- Opts >>)/binary>>;
body({data, _, Ints}) -> <<(length(Ints)):16, (<< <<(varint(zigzag(I)))/binary>> || I <- Ints >>)/binary>>;
body({text, _, T}) -> <<(unicode:characters_to_binary(T, utf8, utf16))/binary>>;
body({coords, _, Ps}) -> << <<X:64/float, Y:32/float>> || {X, Y} <- Ps >>.

opt({ttl, N}) -> <<1, 2, N:16>>;
opt({flags, Fs}) ->
    Bits = lists:foldl(fun(compress, A) -> A bor 1; (secure, A) -> A bor 2; (urgent, A) -> A bor 4 end, 0, Fs),
    <<2, 1, 0:5, Bits:3>>.

zigzag(N) when N >= 0 -> N bsl 1;
zigzag(N) -> (-N bsl 1) - 1.
unzigzag(Z) when Z band 1 =:= 0 -> Z bsr 1;
unzigzag(Z) -> -((Z + 1) bsr 1).

varint(N) when N < 128 -> <<0:1, N:7>>;
varint(N) -> <<1:1, (N band 127):7, (varint(N bsr 7))/binary>>.

unvarint(<<0:1, N:7, R/binary>>) -> {N, R};
unvarint(<<1:1, N:7, R/binary>>) -> {M, R1} = unvarint(R), {N bor (M bsl 7), R1};
unvarint(_) -> more.

%% ---------------------------------------------------------------- decoding
feed([], Buf, Acc) -> {lists:reverse(Acc), Buf};
feed([C | Cs], Buf, Acc) -> drain(Cs, <<Buf/binary, C/binary>>, Acc).

drain(Cs, Buf, Acc) ->
    case decode_frame(Buf) of
        more -> feed(Cs, Buf, Acc);
        {ok, Msg, Rest} -> drain(Cs, Rest, [Msg | Acc]);
        {error, Why, Rest} -> drain(Cs, Rest, [{error, Why} | Acc])
    end.

decode_frame(<<M:4, _/bitstring>>) when M =/= ?MAGIC -> error({bad_magic, M});
decode_frame(<<_:4, V:3, _:1, T:4, Seq:12, R/binary>> = Whole) ->
    case unvarint(R) of
        more -> more;
        {Len, R1} ->
            HLen = byte_size(Whole) - byte_size(R1),
            case R1 of
                <<Body:Len/binary, Crc:32, Rest/binary>> ->
                    <<Payload:(HLen + Len)/binary, _/binary>> = Whole,
                    case erlang:crc32(Payload) of
                        Crc when V =:= ?VSN -> {ok, unbody(untype(T), Seq, Body), Rest};
                        Crc -> {error, {version, V}, Rest};
                        _ -> {error, {crc, Seq}, Rest}
                    end;
                _ -> more
            end
    end;
decode_frame(_) -> more.

unbody(ping, S, <<>>) -> {ping, S};
unbody(bye, S, <<>>) -> {bye, S};
unbody(login, S, <<UL:8, User:UL/binary, N:8, Opts/binary>>) ->
    {login, S, User, unopts(N, Opts)};
unbody(data, S, <<N:16, R/binary>>) -> {data, S, unints(N, R)};
unbody(text, S, B) -> {text, S, unicode:characters_to_binary(B, utf16, utf8)};
unbody(coords, S, B) -> {coords, S, [{X, round(Y * 100000) / 100000} || <<X:64/float, Y:32/float>> <= B]}.

unopts(0, <<>>) -> [];
unopts(N, <<1, 2, V:16, R/binary>>) -> [{ttl, V} | unopts(N - 1, R)];
unopts(N, <<2, 1, 0:5, Bits:3, R/binary>>) ->
    Fs = [F || {F, Bit} <- [{compress, 1}, {secure, 2}, {urgent, 4}], Bits band Bit =/= 0],
    [{flags, Fs} | unopts(N - 1, R)].

unints(0, <<>>) -> [];
unints(N, B) -> {Z, R} = unvarint(B), [unzigzag(Z) | unints(N - 1, R)].
