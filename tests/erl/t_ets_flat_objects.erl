%% Objects of every shape survive a round trip through set, bag and
%% ordered_set tables: tuples of immediates and leaves (heap binaries,
%% bignums, floats; the one-pass copy), a leaf twice, refc binaries and
%% sub-binaries, long tuples, nested terms; keys of every kind (immediate
%% keys are kept in the hash entry), overwrite, delete, fixed tables.
-module(t_ets_flat_objects).
-export([main/0]).

objects() ->
    Big = 1 bsl 100,
    Bin = <<"heap">>,
    Refc = binary:copy(<<"r">>, 300),
    <<_:3/binary, Sub:20/binary, _/binary>> = Refc,
    <<_:1, Bits:13/bitstring, _/bitstring>> = Bin,
    [{1, a, 2},
     {2, Bin, Big, -Big, 3.5},
     {3, Bin, Bin},
     {4, Refc, Sub},
     {5, Bits},
     {6, [1, 2, 3], {x, <<"y">>}, #{k => v}},
     list_to_tuple([7 | lists:seq(1, 20)]),
     list_to_tuple([8 | [<<I>> || I <- lists:seq(1, 16)]]),
     list_to_tuple([9 | [<<I>> || I <- lists:seq(1, 15)]]),
     {Big, big_key},
     {-Big, neg_big_key},
     {1.0, float_key},
     {<<"bin">>, bin_key},
     {{t, 1}, tuple_key},
     {[l], list_key},
     {atom, atom_key},
     {self(), pid_key},
     {[], nil_key}].

run(Type) ->
    T = ets:new(t, [Type]),
    Objs = objects(),
    [true = ets:insert(T, O) || O <- Objs],
    Back = [ets:lookup(T, element(1, O)) || O <- Objs],
    Same = [L =:= [O] orelse {Type, L, O} || {L, O} <- lists:zip(Back, Objs)],
    Members = [ets:member(T, element(1, O)) || O <- Objs],
    Misses = [ets:member(T, K) || K <- [0, 10, 1 bsl 99, 2.0, <<"bim">>, {t, 2}, other]],
    %% Overwrite (set) or add (bag), then delete half the keys.
    [true = ets:insert(T, setelement(2, O, changed)) || O <- Objs],
    Sizes1 = ets:info(T, size),
    [true = ets:delete(T, element(1, O)) || {I, O} <- lists:zip(lists:seq(1, length(Objs)), Objs),
                                            I rem 2 =:= 0],
    Left = lists:sort(ets:tab2list(T)),
    erlang:display({Type, lists:usort(Same), Members, Misses, Sizes1, ets:info(T, size),
                    length(Left), erlang:phash2(Left)}),
    ets:delete(T).

fixed() ->
    T = ets:new(f, [set, public]),
    [ets:insert(T, {K, <<"v">>, K * 1.5}) || K <- lists:seq(1, 200)],
    ets:safe_fixtable(T, true),
    [ets:delete(T, K) || K <- lists:seq(1, 200, 3)],
    [ets:insert(T, {K, again}) || K <- lists:seq(1, 50, 6)],
    Walk = walk(T, ets:first(T), 0),
    ets:safe_fixtable(T, false),
    erlang:display({fixed, Walk, ets:info(T, size), ets:lookup(T, 1), ets:lookup(T, 2),
                    ets:lookup(T, 7), ets:member(T, 4)}).

walk(_, '$end_of_table', N) -> N;
walk(T, K, N) -> walk(T, ets:next(T, K), N + 1).

main() ->
    [run(Type) || Type <- [set, bag, duplicate_bag, ordered_set]],
    fixed(),
    ok.
