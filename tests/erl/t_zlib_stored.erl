%% Level 0 (stored blocks) with input as iolists of pieces of many sizes:
%% stored block boundaries depend on how the NIF feeds zlib input and
%% output (the segments iolist_to_iovec makes, the per-call input limit),
%% so equal bytes mean the same feeding as erl.
-module(t_zlib_stored).
-export([main/0]).
deflate(Level, WBits, Data) ->
    Z = zlib:open(),
    ok = zlib:deflateInit(Z, Level, deflated, WBits, 8, default),
    Out = zlib:deflate(Z, Data, finish),
    ok = zlib:deflateEnd(Z),
    ok = zlib:close(Z),
    Out.
main() ->
    B = << <<(I rem 251)>> || I <- lists:seq(1, 3000000) >>,
    [begin
         Pieces = [binary:part(B, I, Sz) || I <- lists:seq(0, 2000000 - Sz, Sz)],
         C = deflate(0, 15, Pieces),
         io:format("~p~n", [{Sz, iolist_size(C), erlang:md5(iolist_to_binary(C)), length(lists:flatten(C))}])
     end || Sz <- [100, 1000, 3000, 5000, 7000, 10000, 100000]],
    [begin
         Pieces = [[binary:part(B, I, Sz), "ab"] || I <- lists:seq(0, 1000000 - Sz, Sz)],
         C = deflate(0, -15, Pieces),
         io:format("~p~n", [{Sz, iolist_size(C), erlang:md5(iolist_to_binary(C)), length(lists:flatten(C))}])
     end || Sz <- [300, 3000, 9000]].
