%% Term order and equality of maps: sizes first, then keys in key order,
%% then values; integer vs float keys (== vs =:=); sorting lists of maps;
%% maps vs other types.
-module(t_map2_order).
-export([main/0]).

id(X) -> X.

main() ->
    Ms = [#{}, #{a => 1}, #{b => 0}, #{a => 2}, #{1 => x}, #{1.0 => x}, #{1 => x, 2 => y},
          #{a => 1, b => 1}, #{a => 1, b => 0}, #{2 => a}, #{1 => y}, #{<<"a">> => 1},
          #{{a} => 1}, #{[] => 1}, #{"a" => 1}, #{1.5 => z}, #{-1 => a}],
    Sorted = lists:sort([id(M) || M <- Ms]),
    io:format("~p~n", [Sorted]),
    %% a total order: check pairwise consistency
    io:format("~p~n", [[{A, B} || A <- Ms, B <- Ms, A < B, B < A]]),
    %% equality: == treats 1 and 1.0 keys as different keys but compares values with ==
    Pairs = [{#{1 => a}, #{1.0 => a}}, {#{a => 1}, #{a => 1.0}}, {#{a => 1}, #{a => 1}},
             {#{a => #{b => 2}}, #{a => #{b => 2.0}}}, {#{1 => 1.0}, #{1 => 1}},
             {#{}, #{}}, {#{a => [1, 2.0]}, #{a => [1.0, 2]}}],
    io:format("~p~n", [[{A == B, A =:= B, A < B, A > B} || {A, B} <- [{id(X), id(Y)} || {X, Y} <- Pairs]]]),
    %% maps with the same keys ordered by values in key order
    io:format("~p~n", [lists:sort([#{a => 2, b => 1}, #{a => 1, b => 2}, #{a => 1, b => 1}, #{a => 1.0, b => 1}])]),
    %% int keys sort before float keys of the same value in map key order
    io:format("~p~n", [lists:sort([#{1.0 => a}, #{1 => a}, #{0.5 => a}, #{2 => a}])]),
    io:format("~p~n", [{#{1 => a} < #{1.0 => a}, #{2 => a} < #{1.0 => a}, #{1.0 => a} < #{2.0 => a}}]),
    %% maps are greater than tuples and smaller than lists
    Mixed = [[x], #{a => 1}, {z}, <<"b">>, atom, 42, 3.5, "s", #{}],
    io:format("~p~n", [lists:sort([id(X) || X <- Mixed])]),
    %% large maps: order by size first
    L1 = maps:from_list([{X, X} || X <- lists:seq(1, 40)]),
    L2 = maps:from_list([{X, X} || X <- lists:seq(2, 41)]),
    L3 = maps:put(40, 40.0, L1),
    L4 = maps:put(40, 41, L1),
    io:format("~p~n", [{L1 < L2, L1 == L3, L1 =:= L3, L1 < L4, L4 > L3, maps:remove(1, L2) < L1}]),
    io:format("~p~n", [[map_size(M) || M <- lists:sort([L2, L1, #{x => 1}, L4, maps:put(0, 0, L1)])]]),
    %% usort merges equal maps with =:= semantics? (it uses ==)
    io:format("~p~n", [lists:usort([#{a => 1}, #{a => 1.0}, #{a => 1}])]),
    io:format("~p~n", [lists:usort(fun(A, B) -> A =< B end, [#{a => 1.0}, #{a => 1}])]),
    %% map keys lists in map order
    io:format("~p~n", [maps:keys(#{2 => a, 1.0 => b, 1 => c, -3 => d, 0.5 => e, a => f, {} => g, <<>> => h, [] => i})]),
    %% max/min over maps
    io:format("~p~n", [{lists:max(Ms), lists:min(tl(Ms))}]),
    ok.
