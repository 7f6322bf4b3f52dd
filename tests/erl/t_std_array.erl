%% array: fixed and extendible arrays, defaults, set/get/reset, sparse
%% folds and maps, resize, relax/fix, and errors.
-module(t_std_array).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    A0 = array:new(10),
    p({array:size(A0), array:get(3, A0), array:default(A0), array:is_fix(A0)}),
    A1 = array:set(3, three, A0),
    p({array:get(3, A1), array:to_list(A1)}),
    p(catch array:set(10, x, A0)),
    A2 = array:new([{size, 5}, {default, z}, {fixed, false}]),
    A3 = array:set(20, twenty, A2),
    p({array:size(A3), array:get(15, A3), array:get(20, A3)}),
    p(array:sparse_to_orddict(A3)),
    p(array:to_orddict(array:resize(4, A2))),
    A4 = array:from_list([a, b, c, d, e]),
    p({array:to_list(A4), array:size(A4), array:is_array(A4), array:is_array(x)}),
    p(array:to_list(array:map(fun(I, V) -> {I, V} end, A4))),
    p(array:foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A4)),
    p(array:foldr(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A4)),
    S = array:set(100, x, array:set(50, y, array:new())),
    p({array:size(S), array:sparse_size(S)}),
    p(array:sparse_foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], S)),
    p(array:sparse_to_list(S)),
    p(array:to_list(array:sparse_map(fun(_, V) -> {v, V} end, array:from_list([1, undefined, 3])))),
    p(array:to_list(array:reset(1, A4))),
    F = array:fix(array:from_list([1, 2])),
    p({array:is_fix(F), catch array:set(5, x, F)}),
    R = array:relax(F),
    p(array:to_list(array:set(3, x, R))),
    p(array:from_orddict([{0, a}, {2, c}, {5, f}])),
    p(array:to_list(array:from_orddict([{0, a}, {2, c}, {5, f}], nil))),
    Big = lists:foldl(fun(I, A) -> array:set(I, I * I, A) end, array:new(), lists:seq(0, 1999)),
    p({array:size(Big), array:get(1234, Big), array:foldl(fun(_, V, Acc) -> V + Acc end, 0, Big)}),
    p(catch array:get(-1, A4)),
    p(catch array:new(-1)),
    p(array:new(3)),
    ok.
