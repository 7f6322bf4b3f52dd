%% Benchmark: string formatting: io_lib:format with ~p/~w/~s/~b/~f/~e
%% on mixed terms, integer_to_list/float_to_list, lists:flatten and a
%% hand-written character checksum over the results.
-module(b_string_fmt).
-export([main/0, id/1]).

id(X) -> X.

next(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

%% a term for ~p/~w: tuples, lists, atoms, strings, floats, binaries
term(S) ->
    {item, S rem 1000, [S rem 7, S rem 11, {tag, S rem 13}],
     "name" ++ integer_to_list(S rem 100), S / 7.0, <<"bin">>, ok}.

line(S) ->
    io_lib:format("~p|~w|~s|~b|~.16b|~.3f|~e|~8.2f~n",
                  [term(S), [S rem 100, {S rem 3}], "str" ++ integer_to_list(S rem 10),
                   S, S, S / 1000.0, S * 1.5, (S rem 10000) / 3]).

conv(S) ->
    [integer_to_list(S), $,, integer_to_list(-S, 16), $,,
     float_to_list(S / 3.0), $,, float_to_list(S / 9.0, [{decimals, 4}]), $,,
     float_to_list(S * 0.25, [short]), $,, atom_to_list(ok), $\n].

csum([], Acc) -> Acc;
csum([C | T], Acc) -> csum(T, (Acc * 31 + C) band 16#FFFFFFF).

fmt_loop(0, _, Acc) -> Acc;
fmt_loop(N, S, {Len, H}) ->
    S1 = next(S),
    L = lists:flatten(line(S1 rem 1000000)),
    fmt_loop(N - 1, S1, {Len + length(L), csum(L, H)}).

conv_loop(0, _, Acc) -> Acc;
conv_loop(N, S, {Len, H}) ->
    S1 = next(S),
    L = lists:flatten(conv(S1 rem 10000000)),
    conv_loop(N - 1, S1, {Len + length(L), csum(L, H)}).

main() ->
    T0 = erlang:monotonic_time(microsecond),
    A = fmt_loop(id(100000), 1, {0, 0}),
    B = conv_loop(id(500000), 2, {0, 0}),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, string_fmt, T1 - T0, {A, B}}),
    halt().
