%% Matching maps in function heads, case, receive and guards.
-module(t_map_match).
-export([main/0, id/1]).

id(X) -> X.

kind(#{type := circle, r := R}) -> {circle, R};
kind(#{type := square, side := S}) -> {square, S};
kind(#{type := T}) -> {other, T};
kind(#{}) -> untyped;
kind(_) -> not_a_map.

get_k(K, M) ->
    case M of
        #{K := V} -> {found, V};
        _ -> missing
    end.

g1(M) when is_map_key(a, M) -> has_a;
g1(M) when map_size(M) > 2 -> big;
g1(M) when is_map(M) -> small;
g1(_) -> no.

g2(M) when map_get(x, M) > 10 -> x_big;
g2(_) -> other.

main() ->
    Shapes = [#{type => circle, r => 2}, #{type => square, side => 3},
              #{type => tri}, #{}, #{r => 1}, [], id(#{type => circle})],
    erlang:display([kind(id(S)) || S <- Shapes]),
    M = id(#{1 => one, {2} => two, "3" => three}),
    erlang:display([get_k(K, M) || K <- [1, {2}, "3", 1.0, 4]]),
    erlang:display([g1(id(X)) || X <- [#{a => 1}, #{b => 1, c => 2, d => 3}, #{}, x]]),
    erlang:display([g2(id(X)) || X <- [#{x => 11}, #{x => 1}, #{y => 1}, #{x => a}, 5]]),
    R = case id(#{status => ok, value => 42}) of
            #{status := error} -> error;
            #{status := ok, value := V} when V > 40 -> {ok, V};
            _ -> other
        end,
    erlang:display(R),
    #{a := A, b := #{c := C}} = id(#{a => 1, b => #{c => 3, d => 4}}),
    erlang:display({A, C}),
    Big = maps:from_list([{I, I} || I <- lists:seq(1, 100)]),
    #{50 := F, 99 := N} = Big,
    erlang:display({F, N}),
    erlang:display(case Big of #{101 := _} -> yes; #{100 := X} -> {no, X} end),
    self() ! #{from => me, n => 7},
    receive
        #{from := me, n := Got} -> erlang:display({got, Got})
    end,
    erlang:display(catch_match(id(#{a => 1}))),
    erlang:display([X || #{ok := X} <- [#{ok => 1}, #{no => 2}, #{ok => 3}]]),
    ok.

catch_match(M) ->
    try
        #{b := B} = M,
        B
    catch
        error:E -> {caught, E}
    end.
