%% deflateInit/6 over levels 0-9 (and their names), the four strategies,
%% every window size (zlib, raw and gzip framing, and the invalid ones),
%% every memLevel: compressed bytes must be erl's (both link the system
%% zlib), and each result must inflate back.
-module(t_zlib_levels).
-export([main/0]).

p(T) -> io:format("~p~n", [T]).

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

data() ->
    Text = list_to_binary([io_lib:format("~w bottles of beer on the wall, ~w bottles~n", [I, I])
                           || I <- lists:seq(1, 400)]),
    Noise = << <<((I * 2654435761) bsr 7 band 255)>> || I <- lists:seq(1, 20000) >>,
    Runs = list_to_binary([lists:duplicate(I rem 37 + 1, I band 255) || I <- lists:seq(1, 2000)]),
    [Text, Noise, Runs, <<>>].

deflate(Level, WBits, Mem, Strategy, Data) ->
    Z = zlib:open(),
    try
        ok = zlib:deflateInit(Z, Level, deflated, WBits, Mem, Strategy),
        Out = iolist_to_binary(zlib:deflate(Z, Data, finish)),
        ok = zlib:deflateEnd(Z),
        Out
    after
        zlib:close(Z)
    end.

inflate(WBits, Data) ->
    Z = zlib:open(),
    try
        ok = zlib:inflateInit(Z, WBits),
        Out = iolist_to_binary(zlib:inflate(Z, Data)),
        ok = zlib:inflateEnd(Z),
        Out
    after
        zlib:close(Z)
    end.

check(Level, WBits, Mem, Strategy, Data) ->
    case run(fun() -> deflate(Level, WBits, Mem, Strategy, Data) end) of
        {ok, C} ->
            %% A window of 8 deflates as 9, which inflate with 8 refuses.
            Back = case run(fun() -> inflate(WBits, C) end) of
                       {ok, Data} -> true;
                       Other -> Other
                   end,
            {byte_size(C), erlang:phash2(C), Back};
        Err ->
            Err
    end.

main() ->
    Ds = data(),
    Levels = [none, best_speed, best_compression, default | lists:seq(0, 9)],
    Strategies = [default, filtered, huffman_only, rle],
    [p({L, S, [check(L, 15, 8, S, D) || D <- Ds]}) || L <- Levels, S <- Strategies],
    WBits = lists:seq(8, 15) ++ lists:seq(-15, -8) ++ lists:seq(24, 31),
    [p({W, [check(6, W, 8, default, D) || D <- Ds]}) || W <- WBits],
    [p({M, [check(default, 15, M, default, D) || D <- Ds]}) || M <- lists:seq(1, 9)],
    %% Combinations at the corners.
    [p({L, W, M, check(L, W, M, S, hd(Ds))})
     || L <- [0, 1, 9], W <- [9, -9, 25], M <- [1, 9], S <- [filtered, rle]],
    %% Bad parameters fail in zlib.erl before the NIF.
    p(run(fun() -> deflate(10, 15, 8, default, <<>>) end)),
    p(run(fun() -> deflate(6, 7, 8, default, <<>>) end)),
    p(run(fun() -> deflate(6, 48, 8, default, <<>>) end)),
    p(run(fun() -> deflate(6, -16, 8, default, <<>>) end)),
    p(run(fun() -> deflate(6, 15, 0, default, <<>>) end)),
    p(run(fun() -> deflate(6, 15, 10, default, <<>>) end)),
    p(run(fun() -> deflate(6, 15, 8, fixed, <<>>) end)),
    p(run(fun() -> deflate(6, 32, 8, default, <<>>) end)),
    p(run(fun() -> zlib:deflateInit(zlib:open(), 6, stored, 15, 8, default) end)),
    p(run(fun() -> inflate(7, <<>>) end)),
    p(run(fun() -> inflate(-15, <<>>) end)),
    p(run(fun() -> zlib:inflateInit(zlib:open(), 15, whatever) end)),
    p(run(fun() -> zlib:deflate(zlib:open(), <<>>, sometimes) end)),
    ok.
