%% The zlib stream API over the zlib NIFs: deflate/inflate with every
%% flush mode, the one-shot helpers, dictionaries, resets, params, the
%% stash behind deflateParams and need_dictionary, crc32/adler32 and the
%% deprecated buffer-size calls. Output bytes must be erl's exactly.
-module(t_zlib_api).
-export([main/0]).
-compile(nowarn_deprecated_function).

p(T) -> io:format("~p~n", [T]).

%% An exception as {Class, Reason, {Module, Function}} of its top frame
%% (the arguments hold stream references, which print differently).
run(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            case St of
                [{M, Fn, _, _} | _] -> {C, R, {M, Fn}};
                _ -> {C, R}
            end
    end.

bin(IoList) -> iolist_to_binary(IoList).

text() ->
    list_to_binary([io_lib:format("line ~w: the quick brown fox ~w~n", [I, I * I])
                    || I <- lists:seq(1, 300)]).

main() ->
    T = text(),
    %% Flush modes: each answer's iolist shape and bytes.
    Z = zlib:open(),
    ok = zlib:deflateInit(Z),
    A1 = zlib:deflate(Z, <<"hello ">>),
    A2 = zlib:deflate(Z, [<<"wor">>, $l, "d"], sync),
    A3 = zlib:deflate(Z, T, full),
    A4 = zlib:deflate(Z, T, none),
    A5 = zlib:deflate(Z, <<>>, finish),
    p([A1, A2]),
    p({bin(A3), erlang:crc32(bin(A4)), bin(A5)}),
    p(zlib:crc32(Z)),
    ok = zlib:deflateEnd(Z),
    Full = bin([A1, A2, A3, A4, A5]),
    ok = zlib:inflateInit(Z),
    Plain = bin(zlib:inflate(Z, Full)),
    p(Plain =:= <<"hello world", T/binary, T/binary>>),
    p(zlib:crc32(Z)),
    ok = zlib:inflateEnd(Z),
    ok = zlib:close(Z),
    p(run(fun() -> zlib:close(Z) end)),

    %% One-shot helpers.
    [p({F, erlang:md5(zlib:F(In))})
     || F <- [compress, zip, gzip], In <- [<<>>, <<"x">>, T, [T, "abc", [<<>>]]]],
    p(zlib:uncompress(zlib:compress(T)) =:= T),
    p(zlib:unzip(zlib:zip(T)) =:= T),
    p(zlib:gunzip(zlib:gzip(T)) =:= T),
    %% gunzip resets at the end of a member: concatenated members.
    p(zlib:gunzip([zlib:gzip(<<"one ">>), zlib:gzip(<<"two">>)])),

    %% inflate/3 options; reset between streams.
    Z2 = zlib:open(),
    ok = zlib:inflateInit(Z2),
    p(bin(zlib:inflate(Z2, zlib:compress(<<"abc">>), []))),
    ok = zlib:inflateReset(Z2),
    p(bin(zlib:inflate(Z2, zlib:compress(<<"def">>), [{exception_on_need_dict, false}]))),
    %% cut (the default): input after the end is dropped.
    ok = zlib:inflateReset(Z2),
    p(bin(zlib:inflate(Z2, [zlib:compress(<<"ghi">>), <<"trailing">>]))),
    ok = zlib:inflateEnd(Z2),
    %% error: input after the end raises.
    ok = zlib:inflateInit(Z2, 15, error),
    p(run(fun() -> zlib:inflate(Z2, [zlib:compress(<<"jkl">>), zlib:compress(<<"m">>)]) end)),
    p(run(fun() -> zlib:inflateEnd(Z2) end)),
    ok = zlib:inflateInit(Z2, 15, reset),
    p(bin(zlib:inflate(Z2, [zlib:compress(<<"jkl">>), zlib:compress(<<"mno">>)]))),
    ok = zlib:inflateEnd(Z2),
    %% Auto-detected header (window bits 32+).
    ok = zlib:inflateInit(Z2, 47),
    p(bin(zlib:inflate(Z2, zlib:gzip(<<"auto gzip">>)))),
    ok = zlib:inflateReset(Z2),
    p(bin(zlib:inflate(Z2, zlib:compress(<<"auto zlib">>)))),
    ok = zlib:inflateEnd(Z2),
    zlib:close(Z2),

    %% Dictionaries.
    Dict = <<"the quick brown fox line">>,
    Z3 = zlib:open(),
    ok = zlib:deflateInit(Z3),
    DAdler = zlib:deflateSetDictionary(Z3, Dict),
    p(DAdler),
    DC = bin(zlib:deflate(Z3, T, finish)),
    p({byte_size(DC), erlang:md5(DC)}),
    ok = zlib:deflateEnd(Z3),
    ok = zlib:inflateInit(Z3),
    p(run(fun() -> zlib:inflate(Z3, DC) end)),
    ok = zlib:inflateSetDictionary(Z3, Dict),
    Rest = zlib:inflate(Z3, []),
    p(bin(Rest) =:= T),
    p(byte_size(zlib:inflateGetDictionary(Z3))),
    ok = zlib:inflateEnd(Z3),
    %% need_dictionary answered instead of raised.
    ok = zlib:inflateInit(Z3),
    {need_dictionary, Ad, Out0} = zlib:inflate(Z3, DC, [{exception_on_need_dict, false}]),
    p({Ad =:= DAdler, Out0}),
    ok = zlib:inflateSetDictionary(Z3, [<<"the quick ">>, "brown fox line"]),
    p(bin(zlib:inflate(Z3, [])) =:= T),
    ok = zlib:inflateEnd(Z3),
    %% safeInflate with a dictionary.
    ok = zlib:inflateInit(Z3),
    p(zlib:safeInflate(Z3, DC)),
    ok = zlib:inflateSetDictionary(Z3, Dict),
    p(element(1, zlib:safeInflate(Z3, []))),
    zlib:inflateEnd(Z3),
    %% A wrong dictionary.
    ok = zlib:inflateInit(Z3),
    p(run(fun() -> zlib:inflate(Z3, DC) end)),
    p(run(fun() -> zlib:inflateSetDictionary(Z3, <<"wrong">>) end)),
    zlib:close(Z3),
    %% Raw streams: the dictionary checksum is computed by the NIF.
    Z4 = zlib:open(),
    ok = zlib:deflateInit(Z4, default, deflated, -15, 8, default),
    p(zlib:deflateSetDictionary(Z4, Dict)),
    RawD = bin(zlib:deflate(Z4, T, finish)),
    p(zlib:crc32(Z4) =:= erlang:crc32(T)),
    ok = zlib:deflateEnd(Z4),
    ok = zlib:inflateInit(Z4, -15),
    ok = zlib:inflateSetDictionary(Z4, Dict),
    p(bin(zlib:inflate(Z4, RawD)) =:= T),
    p(zlib:crc32(Z4) =:= erlang:crc32(T)),
    ok = zlib:inflateEnd(Z4),
    zlib:close(Z4),

    %% deflateReset, deflateParams (the flushed progress is kept).
    Z5 = zlib:open(),
    ok = zlib:deflateInit(Z5, 1),
    _ = zlib:deflate(Z5, <<"dropped">>),
    ok = zlib:deflateReset(Z5),
    P1 = zlib:deflate(Z5, T),
    ok = zlib:deflateParams(Z5, best_compression, filtered),
    P2 = zlib:deflate(Z5, T),
    ok = zlib:deflateParams(Z5, none, default),
    P3 = zlib:deflate(Z5, T, finish),
    PAll = bin([P1, P2, P3]),
    p({byte_size(PAll), erlang:md5(PAll)}),
    p(zlib:uncompress(PAll) =:= <<T/binary, T/binary, T/binary>>),
    ok = zlib:deflateEnd(Z5),
    p(run(fun() -> zlib:deflateParams(Z5, 1, default) end)),
    zlib:close(Z5),

    %% Checksums through a stream handle.
    Z6 = zlib:open(),
    p({zlib:crc32(Z6, T), zlib:crc32(Z6, 123, <<"abc">>), zlib:adler32(Z6, T),
       zlib:adler32(Z6, 7, "abc"), zlib:crc32_combine(Z6, 1, 2, 3),
       zlib:adler32_combine(Z6, 1, 2, 3)}),
    p(run(fun() -> zlib:crc32(Z6) end)),
    p(run(fun() -> zlib:crc32(not_a_ref, <<>>) end)),
    p(run(fun() -> zlib:adler32(not_a_ref, 1, <<>>) end)),
    p(zlib:getBufSize(Z6)),
    ok = zlib:setBufSize(Z6, 1000),
    p(zlib:getBufSize(Z6)),
    p(run(fun() -> zlib:setBufSize(Z6, 16) end)),
    p(run(fun() -> zlib:setBufSize(Z6, 1 bsl 24) end)),
    zlib:close(Z6),
    ok.
