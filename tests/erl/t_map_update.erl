%% Map update syntax: => and :=, several keys at once, variable keys.
-module(t_map_update).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    M0 = id(#{a => 1, b => 2}),
    erlang:display(M0#{c => 3}),
    erlang:display(M0#{a => 10}),
    erlang:display(M0#{a := 10}),
    erlang:display(M0#{a := 10, b := 20}),
    erlang:display(M0#{a := 10, z => 26, y => 25}),
    K = id(b),
    erlang:display(M0#{K => new}),
    erlang:display(M0#{K := new}),
    K1 = id(x), K2 = id(x),
    erlang:display(M0#{K1 => first, K2 => second}),
    erlang:display(M0#{1 => one, 1.0 => float_one}),
    M1 = lists:foldl(fun(I, Acc) -> Acc#{I => I * 2} end, M0, lists:seq(1, 40)),
    erlang:display(map_size(M1)),
    erlang:display(maps:get(40, M1)),
    M2 = lists:foldl(fun(I, Acc) -> Acc#{I := I * 3} end, M1, lists:seq(1, 40)),
    erlang:display(lists:sum([V || {_, V} <- maps:to_list(M2), is_integer(V)])),
    erlang:display(M2 =:= M1),
    M3 = M2#{a := 1},
    erlang:display(M3 =:= M2),
    erlang:display(M0#{}),
    Same = M0#{a => 1},
    erlang:display(Same =:= M0),
    erlang:display(update_all(#{p => 0, q => 0}, [p, q, p])),
    erlang:display(counts("mississippi")),
    ok.

update_all(M, []) -> M;
update_all(M, [K | Ks]) ->
    #{K := V} = M,
    update_all(M#{K := V + 1}, Ks).

counts(S) -> counts(S, #{}).
counts([], M) -> M;
counts([C | Cs], M) ->
    case M of
        #{C := N} -> counts(Cs, M#{C := N + 1});
        _ -> counts(Cs, M#{C => 1})
    end.
