%% Maps above 32 keys (hash tries): growth, shrinking back to flatmaps,
%% updates, merges and lookups on large maps.
-module(t_map_big).
-export([main/0]).

main() ->
    M32 = maps:from_list([{I, I} || I <- lists:seq(1, 32)]),
    M33 = M32#{33 => 33},
    erlang:display(M33),
    erlang:display(maps:remove(33, M33) =:= M32),
    erlang:display(maps:remove(1, M33)),
    Up = lists:foldl(fun(I, M) -> M#{I => I * I} end, #{}, lists:seq(1, 5000)),
    erlang:display({map_size(Up), maps:get(4999, Up), maps:get(1, Up)}),
    Down = lists:foldl(fun(I, M) -> maps:remove(I, M) end, Up, lists:seq(1, 4960)),
    erlang:display(Down),
    erlang:display(maps:remove(4961, maps:remove(4962, Down))),
    Mixed = maps:from_list([{I, I} || I <- lists:seq(1, 20)] ++
                           [{{I, I}, I} || I <- lists:seq(1, 20)] ++
                           [{"s" ++ integer_to_list(I), I} || I <- lists:seq(1, 20)]),
    erlang:display(maps:keys(Mixed)),
    erlang:display(maps:to_list(maps:map(fun(_, V) -> V + 1 end, Mixed))),
    A = maps:from_list([{I, a} || I <- lists:seq(1, 100)]),
    B = maps:from_list([{I, b} || I <- lists:seq(50, 150)]),
    erlang:display(maps:values(maps:merge(A, B))),
    erlang:display(maps:values(maps:merge(B, A))),
    erlang:display(maps:merge(#{1 => x, 200 => y}, A) =:= A#{1 => x, 200 => y}),
    erlang:display(maps:keys(maps:merge(#{x => 1}, #{y => 2}))),
    erlang:display(maps:values(maps:merge(maps:from_list([{I, a} || I <- lists:seq(1, 20)]),
                                          maps:from_list([{I, b} || I <- lists:seq(10, 30)])))),
    U = maps:update(77, seventy_seven, A),
    erlang:display({maps:get(77, U), maps:get(77, A), map_size(U)}),
    erlang:display(maps:keys(U) =:= maps:keys(A)),
    Seq = lists:seq(1, 3000),
    Sq = maps:from_list([{I, I * I} || I <- Seq]),
    erlang:display(lists:all(fun(I) -> maps:get(I, Sq) =:= I * I end, Seq)),
    erlang:display(lists:sum(maps:values(Sq))),
    erlang:display([maps:is_key(K, Sq) || K <- [0, 1, 3000, 3001, 1.0, a]]),
    Nested = maps:from_list([{I, maps:from_list([{J, I * J} || J <- lists:seq(1, 40)])}
                             || I <- lists:seq(1, 40)]),
    erlang:display(maps:get(40, maps:get(39, Nested))),
    erlang:display(lists:sum([lists:sum(maps:values(V)) || V <- maps:values(Nested)])),
    ok.
