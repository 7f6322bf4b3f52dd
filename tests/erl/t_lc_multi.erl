%% List comprehensions with several generators and filters, pattern
%% generators that skip non-matching elements, nested comprehensions,
%% binary generators, and comprehensions producing binaries.
-module(t_lc_multi).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    p([{X, Y} || X <- [1, 2, 3], Y <- [a, b]]),
    p([{X, Y, Z} || X <- lists:seq(1, 20), Y <- lists:seq(X, 20), Z <- lists:seq(Y, 20),
                    X * X + Y * Y =:= Z * Z]),
    p([X || X <- lists:seq(1, 50), X rem 3 =:= 0, X rem 5 =:= 0]),
    p([X || {ok, X} <- [{ok, 1}, error, {ok, 2}, {error, x}, {ok, 3, extra}]]),
    p([H || [H | _] <- [[1, 2], [], [3], "abc"]]),
    p([{K, V} || {K, V} <- [{a, 1}, {b, 2}], V > 1]),
    p([[Y || Y <- lists:seq(1, X)] || X <- lists:seq(0, 4)]),
    p([X || X <- [1, a, 2.0, "s", b], is_atom(X)]),
    p([X + Y || X <- [1, 2], Y <- [10, 20], X + Y =/= 21]),
    %% dependent generators and shadowing via fun
    p([{I, J} || I <- lists:seq(1, 4), J <- lists:seq(1, I), (I + J) rem 2 =:= 0]),
    %% filter that is not a guard
    p([X || X <- lists:seq(1, 10), is_prime(X)]),
    %% permutations
    p(perms([1, 2, 3])),
    %% quicksort
    p(qsort([5, 3, 8, 1, 9, 2, 7])),
    %% binary generators
    p([B || <<B>> <= <<1, 2, 3>>]),
    p([{A, B} || <<A:4, B:4>> <= <<16#12, 16#34>>]),
    p([C || <<C:8>> <= <<"hello">>, C =/= $l]),
    p(<< <<(X * 2)>> || X <- [1, 2, 3] >>),
    p(<< <<X:4>> || X <- [1, 2, 3, 4] >>),
    p(<< <<B/binary, ",">> || B <- [<<"a">>, <<"bc">>] >>),
    p(<< <<(C - 32)>> || <<C>> <= <<"shout">> >>),
    p([X || <<X:3>> <= <<255, 0>>]),
    %% mixed list and binary generators
    p([{X, C} || X <- [1, 2], <<C>> <= <<"ab">>]),
    %% side-effect order
    put(order, []),
    _ = [put(order, [{X, Y} | get(order)]) || X <- [1, 2], Y <- [3, 4]],
    p(lists:reverse(get(order))),
    %% large comprehension
    p(length([X || X <- lists:seq(1, 100000), X rem 7 =:= 0])),
    p(lists:sum([X * Y || X <- lists:seq(1, 100), Y <- lists:seq(1, 100), X =:= Y])),
    %% maps in generators via maps:to_list
    p(lists:sort([{V, K} || {K, V} <- maps:to_list(#{a => 3, b => 1, c => 2})])),
    %% strings
    p([string:to_upper(W) || W <- string:lexemes("one two three", " "), length(W) > 3]),
    ok.

is_prime(N) when N < 2 -> false;
is_prime(N) -> lists:all(fun(D) -> N rem D =/= 0 end, lists:seq(2, N - 1)).

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).
