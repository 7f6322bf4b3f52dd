%% Strings as lists of character codes (no string module): splitting,
%% case conversion, palindromes, run-length encoding, number formatting.
-module(t_strings).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    S = id("The quick brown fox jumps over the lazy dog"),
    erlang:display(words(S)),
    erlang:display(length(words(S))),
    erlang:display(upper(S)),
    erlang:display(lower(id("MiXeD CaSe 123"))),
    erlang:display(lists:reverse(S)),
    erlang:display([P || P <- [id("racecar"), id("level"), id("hello"), id("a"), id("")], palindrome(P)]),
    erlang:display(rle(id("aaabccddddde"))),
    erlang:display(unrle(rle(id("aaabccddddde")))),
    erlang:display(join(words(S), $,)),
    erlang:display(caesar(id("Hello, World"), 3)),
    erlang:display(caesar(caesar(id("Hello, World"), 3), 23)),
    erlang:display(pad_left(integer_to_list(id(42)), 8, $0)),
    erlang:display(count_chars(S)),
    erlang:display(lists:sort(words(lower(S)))),
    ok.

words(S) -> words(S, [], []).
words([], [], Acc) -> lists:reverse(Acc);
words([], W, Acc) -> lists:reverse([lists:reverse(W) | Acc]);
words([$\s | T], [], Acc) -> words(T, [], Acc);
words([$\s | T], W, Acc) -> words(T, [], [lists:reverse(W) | Acc]);
words([C | T], W, Acc) -> words(T, [C | W], Acc).

upper(S) -> [if C >= $a, C =< $z -> C - 32; true -> C end || C <- S].
lower(S) -> [if C >= $A, C =< $Z -> C + 32; true -> C end || C <- S].

palindrome(S) -> S =:= lists:reverse(S).

rle([]) -> [];
rle([C | T]) -> rle(T, C, 1).
rle([C | T], C, N) -> rle(T, C, N + 1);
rle([D | T], C, N) -> [{C, N} | rle(T, D, 1)];
rle([], C, N) -> [{C, N}].

unrle(L) -> lists:append([lists:duplicate(N, C) || {C, N} <- L]).

join([], _) -> [];
join([W], _) -> W;
join([W | Ws], Sep) -> W ++ [Sep | join(Ws, Sep)].

caesar(S, K) -> [shift(C, K) || C <- S].
shift(C, K) when C >= $a, C =< $z -> $a + (C - $a + K) rem 26;
shift(C, K) when C >= $A, C =< $Z -> $A + (C - $A + K) rem 26;
shift(C, _) -> C.

pad_left(S, N, _C) when length(S) >= N -> S;
pad_left(S, N, C) -> pad_left([C | S], N, C).

count_chars(S) ->
    Sorted = lists:sort([C || C <- lower(S), C =/= $\s]),
    [{[C], N} || {C, N} <- rle(Sorted), N > 2].
