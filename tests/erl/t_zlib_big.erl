%% Big data through the chunked NIF protocol: 10 MB at several levels
%% (level 0's stored blocks depend on how the NIF hands over input and
%% output, so they check the chunking), input as one binary and as an
%% iolist of many pieces, safeInflate/2 and inflateChunk/1,2 loops with
%% their chunk sizes, and the iolist shapes of the results.
-module(t_zlib_big).
-export([main/0]).
-compile(nowarn_deprecated_function).

p(T) -> io:format("~p~n", [T]).

big() ->
    %% 10 MB: compressible text with some noise.
    Line = fun(I) -> io_lib:format("~8.16.0b ~s~n", [I * 2654435761 band 16#ffffffff,
                                                     lists:duplicate(I rem 50, $a + I rem 26)])
           end,
    B = iolist_to_binary([Line(I) || I <- lists:seq(1, 20000)]),
    binary:part(binary:copy(B, 10 * 1024 * 1024 div byte_size(B) + 1), 0, 10 * 1024 * 1024).

deflate(Level, WBits, Data) ->
    Z = zlib:open(),
    ok = zlib:deflateInit(Z, Level, deflated, WBits, 8, default),
    Out = zlib:deflate(Z, Data, finish),
    ok = zlib:deflateEnd(Z),
    ok = zlib:close(Z),
    Out.

safe_loop(Z, Data, Acc) ->
    case zlib:safeInflate(Z, Data) of
        {continue, Out} -> safe_loop(Z, [], [iolist_size(Out) | Acc]);
        {finished, Out} -> lists:reverse([iolist_size(Out) | Acc])
    end.

chunk_loop(Z, {more, Out}, Acc) -> chunk_loop(Z, zlib:inflateChunk(Z), [iolist_size(Out) | Acc]);
chunk_loop(_Z, Out, Acc) -> lists:reverse([iolist_size(Out) | Acc]).

main() ->
    B = big(),
    p({byte_size(B), erlang:md5(B)}),
    [begin
         C = deflate(L, W, B),
         CB = iolist_to_binary(C),
         p({L, W, byte_size(CB), erlang:md5(CB), length(lists:flatten(C))})
     end || {L, W} <- [{0, 15}, {1, 15}, {6, 15}, {9, -15}, {6, 31}, {0, -15}]],
    %% The same bytes fed as many small pieces of an iolist.
    Pieces = [binary:part(B, I, 1000) || I <- lists:seq(0, 2000000 - 1000, 1000)],
    C1 = iolist_to_binary(deflate(1, 15, Pieces)),
    p({byte_size(C1), erlang:md5(C1)}),
    p(zlib:uncompress(C1) =:= iolist_to_binary(Pieces)),
    %% compress/uncompress, gzip/gunzip, zip/unzip round trips.
    Zc = zlib:compress(B),
    p({byte_size(Zc), erlang:md5(Zc), zlib:uncompress(Zc) =:= B}),
    Zg = zlib:gzip(B),
    p({byte_size(Zg), erlang:md5(Zg), zlib:gunzip(Zg) =:= B}),
    Zz = zlib:zip(B),
    p({byte_size(Zz), erlang:md5(Zz), zlib:unzip(Zz) =:= B}),
    %% inflate's result shape: a list of binaries of at most 16 KB.
    Z = zlib:open(),
    ok = zlib:inflateInit(Z),
    Parts = lists:flatten(zlib:inflate(Z, Zc)),
    p({length(Parts), lists:max([byte_size(X) || X <- Parts]),
       iolist_to_binary(Parts) =:= B}),
    ok = zlib:inflateEnd(Z),
    %% safeInflate: chunk by chunk.
    ok = zlib:inflateInit(Z),
    Sizes = safe_loop(Z, Zc, []),
    p({length(Sizes), lists:sum(Sizes), lists:usort(Sizes)}),
    ok = zlib:inflateEnd(Z),
    %% inflateChunk with the default and a set buffer size.
    Small = zlib:compress(binary:part(B, 0, 100000)),
    ok = zlib:inflateInit(Z),
    S1 = chunk_loop(Z, zlib:inflateChunk(Z, Small), []),
    p({length(S1), lists:sum(S1), lists:usort(S1)}),
    ok = zlib:inflateEnd(Z),
    ok = zlib:setBufSize(Z, 65536),
    ok = zlib:inflateInit(Z),
    S2 = chunk_loop(Z, zlib:inflateChunk(Z, Small), []),
    p({length(S2), lists:sum(S2), lists:usort(S2)}),
    ok = zlib:inflateEnd(Z),
    %% A deflate stream in many calls, each flushed with sync.
    ok = zlib:deflateInit(Z, 3),
    Outs = [zlib:deflate(Z, binary:part(B, I * 100003, 100003), sync) || I <- lists:seq(0, 20)],
    Last = zlib:deflate(Z, [], finish),
    All = iolist_to_binary([Outs, Last]),
    p({byte_size(All), erlang:md5(All)}),
    ok = zlib:deflateEnd(Z),
    ok = zlib:close(Z),
    ok.
