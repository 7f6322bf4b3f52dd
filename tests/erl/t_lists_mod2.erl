%% OTP lists module, part 2: nth, append, flatten, zip, duplicate, sum,
%% max, min, keysort, usort, split, last, sublist, nthtail.
-module(t_lists_mod2).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    L = id([10, 20, 30, 40, 50]),
    erlang:display({lists:nth(1, L), lists:nth(5, L), lists:last(L)}),
    erlang:display({lists:append(L, [60]), lists:append([[1], [2, 3], [], [4]]), lists:append([], [])}),
    erlang:display(lists:flatten([1, [2, [3, [4, []]], 5], [[[6]]], []])),
    erlang:display(lists:flatten([[a, b], c], [tail])),
    erlang:display(lists:zip([1, 2, 3], [a, b, c])),
    erlang:display(lists:unzip([{1, a}, {2, b}])),
    erlang:display(lists:zip3([1, 2], [a, b], [x, y])),
    erlang:display(lists:zipwith(fun(A, B) -> A * B end, [1, 2, 3], [4, 5, 6])),
    erlang:display({lists:duplicate(4, x), lists:duplicate(0, x)}),
    erlang:display({lists:sum(L), lists:sum([]), lists:sum([1 bsl 70, 1 bsl 70])}),
    erlang:display({lists:max(L), lists:min(L), lists:max([a, 1, {z}]), lists:min([a, 1, {z}])}),
    KL = id([{3, c}, {1, a}, {2, b}, {1, z}]),
    erlang:display({lists:keysort(1, KL), lists:keysort(2, KL)}),
    erlang:display(lists:usort([3, 1, 2, 3, 1, 5, 5, 0])),
    erlang:display(lists:usort(fun(A, B) -> A >= B end, [3, 1, 2, 3])),
    erlang:display({lists:split(2, L), lists:split(0, L), lists:split(5, L)}),
    erlang:display({lists:sublist(L, 2), lists:sublist(L, 2, 3), lists:nthtail(3, L)}),
    erlang:display({lists:splitwith(fun(X) -> X < 30 end, L), lists:partition(fun(X) -> X rem 20 =:= 0 end, L)}),
    erlang:display({lists:takewhile(fun(X) -> X < 30 end, L), lists:dropwhile(fun(X) -> X < 30 end, L)}),
    erlang:display({lists:all(fun(X) -> X > 5 end, L), lists:any(fun(X) -> X > 45 end, L)}),
    erlang:display(lists:mapfoldl(fun(X, Acc) -> {X + Acc, Acc + 1} end, 0, L)),
    erlang:display(lists:flatmap(fun(X) -> [X, -X] end, [1, 2, 3])),
    erlang:display({lists:keydelete(1, 1, KL), lists:keyreplace(2, 1, KL, {2, bb}), lists:keystore(9, 1, KL, {9, n})}),
    erlang:display({lists:keymember(3, 1, KL), lists:keymember(4, 1, KL)}),
    erlang:display({lists:merge([1, 4, 7], [2, 3, 8]), lists:umerge([1, 2, 3], [2, 3, 4])}),
    erlang:display({lists:subtract([1, 2, 3, 2, 1], [2, 1]), lists:delete(20, L)}),
    erlang:display(lists:foldl(fun(X, Acc) -> Acc + X end, 0, lists:duplicate(100000, 3))),
    erlang:display(catch_reason(fun() -> lists:nth(9, L) end)),
    erlang:display(catch_reason(fun() -> lists:split(9, L) end)),
    erlang:display(lists:enumerate([a, b, c])),
    erlang:display(lists:join(x, [1, 2, 3])),
    ok.

catch_reason(F) ->
    try F() catch C:R -> {C, R} end.
