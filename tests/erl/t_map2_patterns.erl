%% Map patterns: function heads, case, nested maps, variable keys bound
%% earlier, multiple keys, literal non-atom keys, matching in receive and
%% in comprehension generators, map patterns that must fail.
-module(t_map2_patterns).
-export([main/0]).

id(X) -> X.

shape(#{type := circle, r := R}) -> {circle, R};
shape(#{type := rect, w := W, h := H}) when W =:= H -> {square, W};
shape(#{type := rect, w := W, h := H}) -> {rect, W, H};
shape(#{type := T}) -> {unknown, T};
shape(#{}) -> no_type;
shape(_) -> not_a_map.

lookup(K, M) ->
    case M of
        #{K := V} -> {found, V};
        #{} -> missing
    end.

two(K1, K2, M) ->
    case M of
        #{K1 := V, K2 := V} -> {same, V};
        #{K1 := V1, K2 := V2} -> {diff, V1, V2};
        _ -> partial
    end.

nested(#{inner := #{value := V, tag := {T, _}}, list := [H | _]}) -> {V, T, H};
nested(_) -> nomatch.

literal_keys(#{1 := A, <<"b">> := B, {c} := C, 4.0 := D, [] := E}) -> [A, B, C, D, E];
literal_keys(_) -> nomatch.

main() ->
    Shapes = [#{type => circle, r => 2}, #{type => rect, w => 3, h => 3}, #{type => rect, w => 3, h => 4},
              #{type => rect, w => 3}, #{type => tri}, #{}, #{r => 1}, [type], #{type => circle}],
    io:format("~p~n", [[shape(id(S)) || S <- Shapes]]),
    M = id(#{1 => one, 1.0 => float_one, {x} => tup, <<"k">> => bin, "str" => list}),
    io:format("~p~n", [[lookup(K, M) || K <- [1, 1.0, {x}, <<"k">>, "str", 2, {y}, <<"K">>]]]),
    Big = maps:from_list([{X, X rem 5} || X <- lists:seq(1, 40)]),
    io:format("~p~n", [[two(A, B, Big) || {A, B} <- [{1, 6}, {1, 2}, {40, 35}, {1, 41}, {0, 0}]]]),
    io:format("~p~n", [[two(K, K, M) || K <- [1, 2]]]),
    io:format("~p~n", [[nested(id(X)) || X <- [#{inner => #{value => 1, tag => {t, 0}}, list => [h]},
                                              #{inner => #{value => 1, tag => {t, 0}}, list => []},
                                              #{inner => #{value => 1}, list => [h]},
                                              #{inner => #{value => 2, tag => {u, 1}, extra => x}, list => [1, 2], more => y}]]]),
    io:format("~p~n", [[literal_keys(id(X)) || X <- [#{1 => a, <<"b">> => b, {c} => c, 4.0 => d, [] => e},
                                                    #{1 => a, <<"b">> => b, {c} => c, 4 => d, [] => e},
                                                    #{1.0 => a, <<"b">> => b, {c} => c, 4.0 => d, [] => e}]]]),
    %% map pattern in a match expression with a badmatch caught
    R = try #{missing := _} = id(#{present => 1}) catch error:{badmatch, BV} -> {badmatch, BV} end,
    io:format("~p~n", [R]),
    %% map patterns in comprehension generators filter non-matching elements
    Recs = [#{id => 1, ok => true}, #{id => 2}, #{id => 3, ok => false}, not_a_map, #{id => 4, ok => true}],
    io:format("~p~n", [[I || #{id := I, ok := true} <- id(Recs)]]),
    %% map pattern in receive
    self() ! #{from => x, n => 1},
    self() ! #{n => 2},
    self() ! #{from => y, n => 3},
    Got = [receive #{from := F, n := N} -> {F, N} after 0 -> none end || _ <- [1, 2, 3]],
    Left = receive Other -> Other after 0 -> none end,
    io:format("~p ~p~n", [Got, Left]),
    %% binding a key from a previous pattern element
    Pairs = [{k1, #{k1 => v1}}, {k2, #{k1 => v1}}, {k3, #{k3 => v3, k1 => v1}}],
    io:format("~p~n", [[case P of {K, PM} -> case PM of #{K := PV} -> {K, PV}; _ -> {K, none} end end || P <- id(Pairs)]]),
    %% same variable matched as key and value
    io:format("~p~n", [[case id(X) of #{a := AV, b := AV} -> {eq, AV}; _ -> ne end
                        || X <- [#{a => 1, b => 1}, #{a => 1, b => 1.0}, #{a => [x], b => [x]}]]]),
    %% a huge map in a function head
    io:format("~p~n", [[big_head(id(maps:put(K, found, Big))) || K <- [7, 77, 777]]]),
    ok.

big_head(#{777 := V}) -> {k777, V};
big_head(#{77 := V, 1 := 1}) -> {k77, V};
big_head(#{7 := V}) -> {k7, V}.
