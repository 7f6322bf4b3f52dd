%% String processing with comprehensions and the lists/string modules:
%% caesar cipher, word counts, run-length encoding, palindromes, csv
%% parsing, and binary/string round trips.
-module(t_lc_strings).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

caesar(S, K) ->
    [if C >= $a, C =< $z -> $a + (C - $a + K) rem 26;
        C >= $A, C =< $Z -> $A + (C - $A + K) rem 26;
        true -> C end || C <- S].

rle([]) -> [];
rle([H | T]) -> rle(T, H, 1, []).
rle([], C, N, Acc) -> lists:reverse([{C, N} | Acc]);
rle([C | T], C, N, Acc) -> rle(T, C, N + 1, Acc);
rle([D | T], C, N, Acc) -> rle(T, D, 1, [{C, N} | Acc]).

is_pal(S) ->
    Clean = [C || C <- string:lowercase(S), C >= $a, C =< $z],
    Clean =:= lists:reverse(Clean).

main() ->
    Text = "The quick brown fox jumps over the lazy dog. The dog sleeps.",
    p(caesar(Text, 13)),
    p(caesar(caesar(Text, 13), 13) =:= Text),
    Words = [string:lowercase(W) || W <- string:lexemes(Text, " ."), W =/= ""],
    p(Words),
    Counts = lists:foldl(fun(W, Acc) -> orddict:update_counter(W, 1, Acc) end, [], Words),
    p(Counts),
    p([W || {W, N} <- Counts, N > 1]),
    p(rle("aaabccddddde")),
    p(lists:flatten([[integer_to_list(N), C] || {C, N} <- rle("aaabccddddde")])),
    p([S || S <- ["Racecar", "hello", "A man, a plan, a canal: Panama", "xyz"], is_pal(S)]),
    Csv = "name,age,city\nann,31,oslo\nbob,27,rome\n",
    [Header | Rows] = [string:split(L, ",", all) || L <- string:lexemes(Csv, "\n")],
    p([lists:zip([list_to_atom(H) || H <- Header], R) || R <- Rows]),
    p([{N, list_to_integer(A)} || [N, A, _] <- Rows, list_to_integer(A) > 30]),
    Bin = list_to_binary(Text),
    p([W || W <- binary:split(Bin, [<<" ">>, <<".">>], [global, trim_all]), byte_size(W) > 4]),
    p(<< <<(C bxor 32)>> || <<C>> <= <<"MiXeD">> >>),
    p([string:titlecase(W) || W <- ["hello", "world"]]),
    p(string:join([string:pad(integer_to_list(I), 3, leading, $0) || I <- [1, 22, 333]], "-")),
    p(lists:usort([C || C <- Text, C >= $a, C =< $z])),
    p(length(lists:usort([C || C <- string:lowercase(Text), C >= $a, C =< $z]))),
    p([[C] || C <- "abc"]),
    p([{I, C} || {I, C} <- lists:zip(lists:seq(1, 5), "hello"), I rem 2 =:= 1]),
    p(string:replace(Text, "dog", "cat", all)),
    p(lists:flatten(string:replace(Text, "dog", "cat", all))),
    ok.
