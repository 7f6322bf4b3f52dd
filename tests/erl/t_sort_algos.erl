%% Hand-written sorting algorithms cross-checked against lists:sort/1 on
%% pseudo-random data from a linear congruential generator.
-module(t_sort_algos).
-export([main/0]).

main() ->
    Data = lcg(12345, 2000, []),
    Ref = lists:sort(Data),
    Results = [{Name, F(Data) =:= Ref} || {Name, F} <- [{quick, fun qsort/1},
                                                         {merge, fun msort/1},
                                                         {insertion, fun isort/1},
                                                         {tree, fun tsort/1},
                                                         {selection, fun ssort/1}]],
    erlang:display(Results),
    erlang:display(lists:sublist(Ref, 10)),
    erlang:display(qsort([3, 1, 2, 3, 1, a, {x}, "s", -1 bsl 70])),
    erlang:display(msort([])),
    ok.

lcg(_, 0, Acc) -> Acc;
lcg(S, N, Acc) ->
    S1 = (S * 1103515245 + 12345) rem 2147483648,
    lcg(S1, N - 1, [S1 rem 10000 | Acc]).

qsort([]) -> [];
qsort([P | Xs]) ->
    qsort([X || X <- Xs, X < P]) ++ [P] ++ qsort([X || X <- Xs, X >= P]).

msort([]) -> [];
msort([X]) -> [X];
msort(L) ->
    {A, B} = lists:split(length(L) div 2, L),
    merge(msort(A), msort(B)).

merge([], B) -> B;
merge(A, []) -> A;
merge([X | Xs], [Y | _] = Ys) when X =< Y -> [X | merge(Xs, Ys)];
merge(Xs, [Y | Ys]) -> [Y | merge(Xs, Ys)].

isort(L) -> lists:foldl(fun insert/2, [], L).
insert(X, []) -> [X];
insert(X, [Y | _] = L) when X =< Y -> [X | L];
insert(X, [Y | Ys]) -> [Y | insert(X, Ys)].

%% binary search tree sort with duplicates counted
tsort(L) -> flatten(lists:foldl(fun tins/2, nil, L), []).
tins(X, nil) -> {nil, X, 1, nil};
tins(X, {L, V, C, R}) when X < V -> {tins(X, L), V, C, R};
tins(X, {L, V, C, R}) when X > V -> {L, V, C, tins(X, R)};
tins(_, {L, V, C, R}) -> {L, V, C + 1, R}.
flatten(nil, Acc) -> Acc;
flatten({L, V, C, R}, Acc) -> flatten(L, lists:duplicate(C, V) ++ flatten(R, Acc)).

ssort([]) -> [];
ssort(L) ->
    M = lists:min(L),
    [M | ssort(lists:delete(M, L))].
