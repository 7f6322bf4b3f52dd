%% Benchmark: building binaries: <<Acc/binary, ...>> appends in loops,
%% iolist_to_binary over nested iolists, and binary comprehensions.
-module(b_bin_build).
-export([main/0, id/1]).

id(X) -> X.

%% appends of fixed-width fields to an accumulator binary
append_loop(0, _, Acc) -> Acc;
append_loop(N, S, Acc) ->
    S1 = (S * 1103515245 + 12345) band 16#7FFFFFFF,
    append_loop(N - 1, S1, <<Acc/binary, (S1 band 255):8, (S1 rem 65536):16/little, N:32>>).

%% appends of small sub-binaries (a CSV-like line per item)
csv_loop(0, Acc) -> Acc;
csv_loop(N, Acc) ->
    Field = integer_to_binary(N * 7919),
    csv_loop(N - 1, <<Acc/binary, Field/binary, $,, "row", $\n>>).

%% nested iolist flattened with iolist_to_binary
iolist(0, Acc) -> Acc;
iolist(N, Acc) ->
    iolist(N - 1, [Acc, <<"key">>, integer_to_list(N), $=, [<<N:16>>, "v"] | <<";">>]).

%% binary comprehensions: map bytes, then pack 16-bit words, then bit fields
transform(Bin) ->
    B1 = << <<((X * 31 + 7) band 255)>> || <<X>> <= Bin >>,
    B2 = << <<(A + B):16/big>> || <<A, B>> <= B1 >>,
    << <<(W band 15):4>> || <<W:16>> <= B2 >>.

checksum(Bin) -> checksum(Bin, 0).
checksum(<<X:32, Rest/binary>>, Acc) -> checksum(Rest, (Acc * 33 + X) band 16#FFFFFFF);
checksum(<<X, Rest/binary>>, Acc) -> checksum(Rest, (Acc * 33 + X) band 16#FFFFFFF);
checksum(<<>>, Acc) -> Acc.

one_round(K) ->
    A = append_loop(id(100000), K, <<>>),
    C = csv_loop(id(50000), <<"head\n">>),
    I = iolist_to_binary(iolist(id(50000), [])),
    T = transform(A),
    {byte_size(A) + byte_size(C) + byte_size(I) + byte_size(T),
     (checksum(A) + checksum(C) + checksum(I) + checksum(T)) band 16#FFFFFFF}.

loop(0, Acc) -> Acc;
loop(K, {S, H}) ->
    {S1, H1} = one_round(K),
    loop(K - 1, {S + S1, (H * 7 + H1) band 16#FFFFFFF}).

main() ->
    T0 = erlang:monotonic_time(microsecond),
    R = loop(id(40), {0, 0}),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, bin_build, T1 - T0, R}),
    halt().
