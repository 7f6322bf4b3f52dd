%% An AVL tree (insert, delete, lookup, range queries, rank/select with
%% size-augmented nodes) checked against gb_trees, dict, orddict and
%% lists on a seeded random workload, with invariant checks and an
%% ASCII rendering of a small tree.
-module(t_app_avl).
-export([main/0]).

%% node: {K, V, Height, Size, Left, Right} | nil

main() ->
    rand:seed(exsss, {1, 2, 3}),
    Small = lists:foldl(fun(K, T) -> insert(K, K * K, T) end, nil, [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]),
    render(Small, 0),
    io:format("height ~b size ~b balanced ~p~n", [height(Small), size_of(Small), check(Small)]),
    Ops = [case rand:uniform(10) of
               N when N =< 6 -> {ins, rand:uniform(2000), rand:uniform(100)};
               N when N =< 9 -> {del, rand:uniform(2000)};
               _ -> {get, rand:uniform(2000)}
           end || _ <- lists:seq(1, 6000)],
    {T, G, D, O, Mismatch} =
        lists:foldl(fun({ins, K, V}, {T0, G0, D0, O0, M}) ->
                            {insert(K, V, T0), gb_trees:enter(K, V, G0), dict:store(K, V, D0), orddict:store(K, V, O0), M};
                       ({del, K}, {T0, G0, D0, O0, M}) ->
                            {delete(K, T0), gb_trees:delete_any(K, G0), dict:erase(K, D0), orddict:erase(K, O0), M};
                       ({get, K}, {T0, G0, D0, O0, M}) ->
                            A = lookup(K, T0),
                            B = case gb_trees:lookup(K, G0) of {value, X} -> {ok, X}; none -> error end,
                            C = dict:find(K, D0),
                            M1 = case A =:= B andalso B =:= C of true -> M; false -> M + 1 end,
                            {T0, G0, D0, O0, M1}
                    end, {nil, gb_trees:empty(), dict:new(), orddict:new(), 0}, Ops),
    io:format("after ~b ops: size ~b, height ~b (log2 ~.2f), balanced ~p, lookup mismatches ~b~n",
              [length(Ops), size_of(T), height(T), math:log2(max(1, size_of(T))), check(T), Mismatch]),
    L = to_list(T),
    io:format("equal to gb_trees ~p, dict ~p, orddict ~p~n",
              [L =:= gb_trees:to_list(G), L =:= lists:sort(dict:to_list(D)), L =:= O]),
    io:format("range [100,160]: ~w~n", [range(100, 160, T)]),
    io:format("rank of 1000: ~b, select(0) ~p, select(median) ~p, select(last) ~p~n",
              [rank(1000, T), select(0, T), select(size_of(T) div 2, T), select(size_of(T) - 1, T)]),
    io:format("lists check: rank = ~b~n", [length([K || {K, _} <- L, K < 1000])]),
    io:format("min ~p max ~p~n", [hd(L), lists:last(L)]),
    Sum = fold(fun(_, V, A) -> A + V end, 0, T),
    io:format("sum of values ~b (gb_trees ~b)~n", [Sum, lists:sum(gb_trees:values(G))]),
    %% sequential inserts stay balanced
    Seq = lists:foldl(fun(K, A) -> insert(K, x, A) end, nil, lists:seq(1, 4095)),
    io:format("sequential 4095: height ~b balanced ~p~n", [height(Seq), check(Seq)]),
    Emptied = lists:foldl(fun delete/2, Seq, lists:seq(1, 4095, 2)),
    io:format("after deleting odds: size ~b height ~b balanced ~p first ~p~n",
              [size_of(Emptied), height(Emptied), check(Emptied), select(0, Emptied)]),
    io:format("select out of range: ~p~n", [catch select(99999, Emptied)]),
    ok.

height(nil) -> 0;
height({_, _, H, _, _, _}) -> H.
size_of(nil) -> 0;
size_of({_, _, _, S, _, _}) -> S.

node(K, V, L, R) -> {K, V, max(height(L), height(R)) + 1, size_of(L) + size_of(R) + 1, L, R}.

rotate_right({K, V, _, _, {LK, LV, _, _, LL, LR}, R}) -> node(LK, LV, LL, node(K, V, LR, R)).
rotate_left({K, V, _, _, L, {RK, RV, _, _, RL, RR}}) -> node(RK, RV, node(K, V, L, RL), RR).

balance({K, V, _, _, L, R} = N) ->
    case height(L) - height(R) of
        2 ->
            {_, _, _, _, LL, LR} = L,
            L1 = case height(LL) >= height(LR) of true -> L; false -> rotate_left(L) end,
            rotate_right(node(K, V, L1, R));
        -2 ->
            {_, _, _, _, RL, RR} = R,
            R1 = case height(RR) >= height(RL) of true -> R; false -> rotate_right(R) end,
            rotate_left(node(K, V, L, R1));
        _ -> N
    end.

insert(K, V, nil) -> node(K, V, nil, nil);
insert(K, V, {NK, NV, _, _, L, R}) when K < NK -> balance(node(NK, NV, insert(K, V, L), R));
insert(K, V, {NK, NV, _, _, L, R}) when K > NK -> balance(node(NK, NV, L, insert(K, V, R)));
insert(K, V, {K, _, H, S, L, R}) -> {K, V, H, S, L, R}.

delete(_, nil) -> nil;
delete(K, {NK, NV, _, _, L, R}) when K < NK -> balance(node(NK, NV, delete(K, L), R));
delete(K, {NK, NV, _, _, L, R}) when K > NK -> balance(node(NK, NV, L, delete(K, R)));
delete(_, {_, _, _, _, nil, R}) -> R;
delete(_, {_, _, _, _, L, nil}) -> L;
delete(_, {_, _, _, _, L, R}) ->
    {MK, MV} = min_of(R),
    balance(node(MK, MV, L, delete(MK, R))).

min_of({K, V, _, _, nil, _}) -> {K, V};
min_of({_, _, _, _, L, _}) -> min_of(L).

lookup(_, nil) -> error;
lookup(K, {NK, _, _, _, L, _}) when K < NK -> lookup(K, L);
lookup(K, {NK, _, _, _, _, R}) when K > NK -> lookup(K, R);
lookup(_, {_, V, _, _, _, _}) -> {ok, V}.

to_list(T) -> fold_r(T, []).
fold_r(nil, Acc) -> Acc;
fold_r({K, V, _, _, L, R}, Acc) -> fold_r(L, [{K, V} | fold_r(R, Acc)]).

fold(_, Acc, nil) -> Acc;
fold(F, Acc, {K, V, _, _, L, R}) -> fold(F, F(K, V, fold(F, Acc, L)), R).

range(_, _, nil) -> [];
range(Lo, Hi, {K, _, _, _, L, R}) ->
    Left = if K > Lo -> range(Lo, Hi, L); true -> [] end,
    Mid = if K >= Lo, K =< Hi -> [K]; true -> [] end,
    Right = if K < Hi -> range(Lo, Hi, R); true -> [] end,
    Left ++ Mid ++ Right.

rank(_, nil) -> 0;
rank(K, {NK, _, _, _, L, _}) when K =< NK -> rank(K, L);
rank(K, {_, _, _, _, L, R}) -> size_of(L) + 1 + rank(K, R).

select(_, nil) -> error(out_of_range);
select(I, {K, V, _, _, L, R}) ->
    case size_of(L) of
        I -> {K, V};
        S when I < S -> select(I, L);
        S -> select(I - S - 1, R)
    end.

check(nil) -> true;
check({K, _, H, S, L, R}) ->
    abs(height(L) - height(R)) =< 1 andalso H =:= max(height(L), height(R)) + 1
        andalso S =:= size_of(L) + size_of(R) + 1
        andalso (L =:= nil orelse element(1, L) < K) andalso (R =:= nil orelse element(1, R) > K)
        andalso check(L) andalso check(R).

render(nil, _) -> ok;
render({K, V, H, _, L, R}, Depth) ->
    render(R, Depth + 1),
    io:format("~s~b (~b, h~b)~n", [lists:duplicate(Depth * 4, $\s), K, V, H]),
    render(L, Depth + 1).
