%% Hash tables order compound keys as erl does (BEAM's make_internal_hash
%% picks the bucket): tuples, lists, strings, improper lists, binaries
%% (aligned, sub-binaries, bitstrings), bignums, floats, maps (flat and
%% large), nested mixes, and predefined atoms inside compound keys (other
%% atoms hash by their index, which is girder's own), in
%% set, bag and duplicate_bag tables of 10, 300 and 5000 objects, also
%% after deletes; first/next, select and match must all agree.
-module(t_ets_hash_keys).
-export([main/0]).

main() ->
    [run(Type, N) || Type <- [set, bag, duplicate_bag], N <- [10, 300, 5000]],
    shapes(),
    ok.

key(I) ->
    case I rem 14 of
        0 -> {I, I * 3};
        1 -> [I, I + 1, I + 2];
        2 -> integer_to_list(I);
        3 -> integer_to_binary(I * 7919);
        4 -> I * 1000000000000000000000;
        5 -> -I * 1000000000000000000000000000000;
        6 -> I / 7;
        7 -> #{ok => I, error => [I]};
        8 -> {true, [I | I], <<I:13>>};
        9 -> [{ok, I}, "x" ++ integer_to_list(I), 3.5];
        10 -> list_to_tuple(lists:seq(1, I rem 9));
        11 -> binary:part(<<"prefix-", (integer_to_binary(I))/binary, "-suffix">>, 3, 9);
        12 -> {error, undefined, I, 1.0e300};
        13 -> [I, 300, I + 256 | <<"t">>]
    end.

run(Type, N) ->
    T = ets:new(t, [Type]),
    ins(T, [{key(I), I} || I <- lists:seq(1, N)]),
    case Type of
        set -> ok;
        _ -> ins(T, [{key(I), -I} || I <- lists:seq(1, N, 5)])
    end,
    Walk = walk(T, ets:first(T)),
    L = ets:tab2list(T),
    Sel = ets:select(T, [{{'$1', '$2'}, [], ['$2']}]),
    io:format("~p ~p: size ~p hash ~p~n", [Type, N, ets:info(T, size), erlang:phash2({Walk, L, Sel})]),
    io:format("  head ~p~n", [lists:sublist(L, 6)]),
    io:format("  walk ~p~n", [lists:sublist(Walk, 6)]),
    [ets:delete(T, key(I)) || I <- lists:seq(1, N, 3)],
    io:format("  after delete ~p ~p~n",
              [lists:sublist(ets:match(T, {'_', '$1'}), 12),
               erlang:phash2({walk(T, ets:first(T)), ets:tab2list(T)})]),
    ets:delete(T).

%% Single shapes, one table each, to point at which key type differs.
shapes() ->
    Shapes = [{tuples, [{I, infinity} || I <- lists:seq(1, 40)]},
              {nested, [{{I, [I]}, {}} || I <- lists:seq(1, 40)]},
              {strings, [lists:duplicate(I rem 7, $a + I rem 26) ++ integer_to_list(I) || I <- lists:seq(1, 40)]},
              {lists, [[I, 1000 + I, -I] || I <- lists:seq(1, 40)]},
              {improper, [[I | I + 1] || I <- lists:seq(1, 40)]},
              {binaries, [list_to_binary(lists:duplicate(I, I)) || I <- lists:seq(0, 40)]},
              {bitstrings, [<<I:I>> || I <- lists:seq(1, 40)]},
              {subbins, [binary:part(list_to_binary(lists:seq(1, 60)), I, 17) || I <- lists:seq(0, 40)]},
              {bignums, [I bsl (64 + I) || I <- lists:seq(1, 40)] ++ [-(I bsl 70) || I <- lists:seq(1, 40)]},
              {floats, [I * 0.25 || I <- lists:seq(-20, 20)] ++ [-0.0]},
              {maps, [#{I => I, ok => [I]} || I <- lists:seq(1, 40)]},
              {bigmaps, [maps:from_list([{J, I} || J <- lists:seq(1, 33 + I)]) || I <- lists:seq(1, 12)]},
              {empties, [{}, [], <<>>, #{}, "", {[]}, [[]], {<<>>}]},
              {atoms_inside, [{A, 1} || A <- [true, false, ok, error, undefined, infinity, badarg, ets, erlang, lists]]}],
    [shape(Name, Keys) || {Name, Keys} <- Shapes].

shape(Name, Keys) ->
    T = ets:new(s, [set]),
    [ets:insert(T, {K}) || K <- Keys],
    io:format("~p ~p~n", [Name, [K || {K} <- ets:tab2list(T)]]),
    ets:delete(T).

%% One object at a time: how erl inserts a list (first to last, or last
%% to first) depends on the caller's reductions left (t_ets_hash_wc).
ins(T, L) -> [ets:insert(T, O) || O <- L].

walk(_T, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].
