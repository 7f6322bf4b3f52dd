%% Match-context reuse and backtracking: many clauses over the same
%% binary that read different prefixes (bs_get_position/bs_set_position),
%% nested case on the tail, matches resumed in called functions, and
%% clause order with overlapping sizes.
-module(t_bs_backtrack).
-export([main/0]).

id(X) -> X.

%% clauses that read overlapping prefixes of different sizes and types
classify(<<16#FF, 16#D8, _/binary>>) -> jpeg;
classify(<<"GIF8", V, "a", _/binary>>) when V =:= $7; V =:= $9 -> {gif, V - $0};
classify(<<137, "PNG", 13, 10, 26, 10, _/binary>>) -> png;
classify(<<"%PDF-", Maj, ".", Min, _/binary>>) -> {pdf, Maj - $0, Min - $0};
classify(<<Len:32, "ftyp", Brand:4/binary, _/binary>>) when Len >= 8 -> {mp4, Brand};
classify(<<X:16/little, Y:16/little, _/binary>>) when X =:= Y -> {repeat16, X};
classify(<<X:8, _:X/binary, "END">>) -> {framed, X};
classify(<<X:4, _:4, _/binary>>) when X > 7 -> high_nibble;
classify(<<>>) -> empty;
classify(_) -> unknown.

%% a function that continues matching a tail produced by its caller
words(Bin) -> words(Bin, <<>>, []).
words(<<" ", R/binary>>, <<>>, Acc) -> words(R, <<>>, Acc);
words(<<" ", R/binary>>, W, Acc) -> words(R, <<>>, [W | Acc]);
words(<<C, R/binary>>, W, Acc) -> words(R, <<W/binary, C>>, Acc);
words(<<>>, <<>>, Acc) -> lists:reverse(Acc);
words(<<>>, W, Acc) -> lists:reverse([W | Acc]).

%% nested cases on the same binary after a partial match
kv(Bin) ->
    case Bin of
        <<K:8, $=, Rest/binary>> ->
            case Rest of
                <<"true">> -> {K, true};
                <<"false">> -> {K, false};
                <<N:8, _/binary>> when N >= $0, N =< $9 -> {K, binary_to_integer(Rest)};
                _ -> {K, Rest}
            end;
        <<K:8, $?>> -> {query, K};
        _ -> bad
    end.

%% the same binary matched first as utf8 then as bytes
first_char(<<C/utf8, _/binary>>) when C > 127 -> {wide, C};
first_char(<<C, _/binary>>) -> {byte, C};
first_char(<<>>) -> none.

%% count patterns by repeated matching with a moving offset
count(Pat, Bin) -> count(Pat, Bin, byte_size(Pat), 0, 0).
count(Pat, Bin, L, Off, N) ->
    case Bin of
        <<_:Off/binary, Pat:L/binary, _/binary>> -> count(Pat, Bin, L, Off + 1, N + 1);
        <<_:Off/binary, _, _/binary>> -> count(Pat, Bin, L, Off + 1, N);
        _ -> N
    end.

main() ->
    Inputs = [<<16#FF, 16#D8, 0>>, <<"GIF89a...">>, <<"GIF87a">>, <<"GIF88a">>, <<137, "PNG", 13, 10, 26, 10>>,
              <<"%PDF-1.7\n">>, <<0, 0, 0, 24, "ftypisom", 0>>, <<0, 0, 0, 4, "ftypisom">>,
              <<5, 0, 5, 0, 1>>, <<3, "abcEND">>, <<3, "abcENDX">>, <<200>>, <<>>, <<1>>, <<16#F0:8, 1:3>>],
    io:format("~p~n", [[classify(id(I)) || I <- Inputs]]),
    io:format("~p~n", [words(id(<<"  the quick  brown fox   ">>))]),
    io:format("~p~n", [[kv(id(B)) || B <- [<<"a=true">>, <<"b=false">>, <<"c=123">>, <<"d=x y">>, <<"e?">>, <<"f">>, <<"g=">>]]]),
    io:format("~p~n", [[first_char(id(B)) || B <- [<<"é">>, <<"€x"/utf8>>, <<"a">>, <<255, 1>>, <<>>, <<"é"/utf8>>]]]),
    io:format("~p~n", [[count(id(P), id(<<"abababa abab aaa">>)) || P <- [<<"a">>, <<"ab">>, <<"aba">>, <<"abab">>, <<"aa">>, <<"x">>]]]),
    %% a long binary walked by a multi-clause loop
    Big = list_to_binary([[<<"k">>, integer_to_list(X), <<"=">>, integer_to_list(X * X), <<";">>] || X <- lists:seq(1, 300)]),
    Pairs = parse_pairs(Big, []),
    io:format("~p ~p ~p~n", [length(Pairs), lists:sublist(Pairs, 3), lists:last(Pairs)]),
    ok.

parse_pairs(<<>>, Acc) -> lists:reverse(Acc);
parse_pairs(Bin, Acc) ->
    [KV, Rest] = binary:split(Bin, <<";">>),
    [<<"k", K/binary>>, V] = binary:split(KV, <<"=">>),
    parse_pairs(Rest, [{binary_to_integer(K), binary_to_integer(V)} | Acc]).
