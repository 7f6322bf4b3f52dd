%% Map comparison: size first, then keys in map-key order (exact:
%% integers before floats), then values; equality and sorting.
-module(t_map_compare).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    Ms = [#{a => 1}, #{b => 1}, #{a => 2}, #{a => 1, b => 1}, #{1 => a},
          #{1.0 => a}, #{2 => a}, #{}, #{a => 1.0}, #{[] => x}, #{{} => x},
          #{a => 1, b => 0}, #{a => 0, b => 2}, #{a => 0, c => 0}],
    erlang:display(lists:sort(Ms)),
    erlang:display(lists:sort([#{}, {}, [], a, 1, "s", {a, b}, #{a => b}, [x]])),
    erlang:display({#{a => 1} == #{a => 1.0}, #{a => 1} =:= #{a => 1.0},
                    #{1 => a} == #{1.0 => a}, #{1 => a} < #{1.0 => a}}),
    erlang:display({#{a => 2} < #{a => 1.0}, #{a => 1, b => 3} < #{a => 2, b => 2},
                    #{a => 1, c => 3} < #{a => 2, b => 2}}),
    erlang:display({id(#{x => [1, 2]}) =:= #{x => [1, 2]}, id(#{}) == #{}}),
    B1 = maps:from_list([{I, I} || I <- lists:seq(1, 50)]),
    B2 = maps:from_list([{I, I} || I <- lists:reverse(lists:seq(1, 50))]),
    B3 = B1#{25 := 25.0},
    B4 = B1#{50 := 51},
    B5 = maps:remove(1, B1#{51 => 51}),
    erlang:display({B1 =:= B2, B1 == B3, B1 =:= B3, B1 < B4, B4 > B1, B1 < B5}),
    erlang:display(lists:sort([B4, B1, B5, #{a => 1}, B3]) =:= [#{a => 1}, B1, B3, B4, B5]),
    erlang:display([B1 < X || X <- [B2, B3, B4, B5]]),
    erlang:display(lists:usort([#{k => 1}, #{k => 1.0}, #{k => 1}, #{k => 2}])),
    erlang:display(lists:sort(fun(A, B) -> map_size(A) >= map_size(B) end,
                              [#{}, #{a => 1, b => 2}, #{c => 3}])),
    erlang:display({#{a => #{b => 1}} < #{a => #{b => 2}}, #{a => #{b => 1}} == #{a => #{b => 1.0}}}),
    ok.
