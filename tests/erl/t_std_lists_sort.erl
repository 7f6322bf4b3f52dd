%% lists sorting and merging family: sort/1,2, usort/1,2, keysort,
%% ukeysort, merge/2,3, umerge, rmerge, keymerge, ukeymerge, with stability
%% and mixed-type terms, on lists long enough for every merge path.
-module(t_std_lists_sort).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

pseudo(N) -> pseudo(N, 12345, []).
pseudo(0, _, Acc) -> Acc;
pseudo(N, S, Acc) -> S2 = (S * 1103515245 + 12345) rem 2147483648, pseudo(N - 1, S2, [S2 rem 1000 | Acc]).

main() ->
    L = pseudo(300),
    S = lists:sort(L),
    p(lists:sublist(S, 20)),
    p({length(S), length(lists:usort(L)), lists:sum(S) =:= lists:sum(L)}),
    p(lists:sort(fun(A, B) -> A >= B end, lists:sublist(L, 25))),
    p(lists:usort(fun(A, B) -> A rem 10 =< B rem 10 end, lists:sublist(L, 40))),
    Mixed = [3, a, "s", {1}, 2.0, <<"b">>, [], #{}, 1, b, {0, 0}, -1.5, 2],
    p(lists:sort(Mixed)),
    p(lists:usort([1, 1.0, 2, 2.0, a, a])),
    p(lists:sort([1.0, 1, 1.0, 1])),
    Recs = [{K rem 7, I} || {I, K} <- lists:enumerate(lists:sublist(L, 30))],
    p(lists:keysort(1, Recs)),
    p(lists:ukeysort(1, Recs)),
    p(lists:keysort(2, [{a, 3}, {b, 1}, {c, 2}, {d, 1}])),
    p(lists:merge([1, 3, 5, 7], [2, 4, 6, 8, 10])),
    p(lists:merge([[1, 4], [2, 5], [3, 6]])),
    p(lists:merge3([1, 4], [2, 5], [3, 6])),
    p(lists:merge(fun(A, B) -> A >= B end, [9, 5, 1], [8, 4, 0])),
    p(lists:umerge([1, 2, 3], [2, 3, 4])),
    p(lists:umerge([[1, 2], [2, 3], [3, 4]])),
    p(lists:umerge3([1, 5], [1, 6], [5, 7])),
    p(lists:umerge(fun(A, B) -> A >= B end, [5, 3, 1], [4, 3, 2])),
    p(lists:rmerge([7, 5, 3], [8, 4])),
    p(lists:rumerge([7, 5, 3], [7, 4])),
    p(lists:keymerge(1, [{1, a}, {3, c}], [{1, x}, {2, b}])),
    p(lists:ukeymerge(1, [{1, a}, {3, c}], [{1, x}, {2, b}, {3, y}])),
    p(lists:rkeymerge(1, [{3, c}, {1, a}], [{2, b}])),
    Long = [{X rem 13, X} || X <- lists:sublist(L, 200)],
    KS = lists:keysort(1, Long),
    p({length(KS), lists:sublist(KS, 8), lists:nthtail(192, KS)}),
    %% stability: equal keys keep original order
    p(lists:keysort(1, [{b, 1}, {a, 1}, {b, 2}, {a, 2}, {b, 3}])),
    p(lists:sort(fun({A, _}, {B, _}) -> A =< B end, [{b, 1}, {a, 1}, {b, 2}, {a, 2}])),
    p(lists:reverse(lists:sort(lists:seq(1, 20)))),
    p(lists:usort([[3], [1], [2], [1]])),
    p(catch lists:keysort(0, [{a}])),
    ok.
