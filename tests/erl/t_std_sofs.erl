%% sofs (sets of sets): relations, families, composition, projection,
%% union/intersection, range/domain, inverse images and partitions.
-module(t_std_sofs).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    R = sofs:relation([{a, 1}, {b, 2}, {c, 3}, {a, 4}]),
    p(sofs:to_external(R)),
    p(sofs:to_external(sofs:domain(R))),
    p(sofs:to_external(sofs:range(R))),
    p(sofs:to_external(sofs:converse(R))),
    p(sofs:to_external(sofs:relation_to_family(R))),
    S = sofs:set([b, c]),
    p(sofs:to_external(sofs:restriction(R, S))),
    p(sofs:to_external(sofs:image(R, sofs:set([a])))),
    p(sofs:to_external(sofs:inverse_image(R, sofs:set([2, 3])))),
    R2 = sofs:relation([{1, x}, {2, y}, {4, z}]),
    A = sofs:set([1, 2, 3, 4]), B = sofs:set([3, 4, 5]),
    p({sofs:to_external(sofs:union(A, B)), sofs:to_external(sofs:intersection(A, B)),
       sofs:to_external(sofs:difference(A, B)), sofs:to_external(sofs:symdiff(A, B))}),
    p(sofs:to_external(sofs:product(sofs:set([a, b]), sofs:set([1, 2])))),
    F = sofs:family([{x, [1, 2]}, {y, [2, 3]}]),
    p(sofs:to_external(sofs:union_of_family(F))),
    p(sofs:to_external(sofs:family_to_relation(F))),
    p(sofs:to_external(sofs:partition(1, R))),
    p({sofs:no_elements(A), sofs:is_subset(sofs:set([3]), A), sofs:is_empty_set(sofs:empty_set())}),
    p(sofs:to_external(sofs:projection(2, R))),
    p(sofs:to_external(sofs:substitution({external, fun({K, V}) -> {V, K} end}, R))),
    p(sofs:to_external(sofs:specification({external, fun(X) -> X > 2 end}, A))),
    p(sofs:to_external(sofs:relative_product1(R, R2))),
    p(sofs:to_external(sofs:strict_relation(sofs:relation([{1, 1}, {1, 2}])))),
    p(sofs:to_external(sofs:from_term([{a, [1, 2]}, {b, [3]}], [{atom, [int]}]))),
    p(sofs:type(R)),
    ok.
