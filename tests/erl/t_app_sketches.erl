%% Probabilistic data structures over binaries and bit operations: a
%% Bloom filter stored in a binary (setting bits by rebuilding), a
%% HyperLogLog with 2^10 registers in a tuple, a count-min sketch in a
%% map, using erlang:phash2/2, erlang:crc32 and erlang:md5 as hashes.
-module(t_app_sketches).
-export([main/0]).

-define(BLOOM_BITS, 4096).
-define(HLL_P, 10).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    Words = [iolist_to_binary(["w", integer_to_list(I)]) || I <- lists:seq(1, 600)],
    Bloom = lists:foldl(fun bloom_add/2, bloom_new(), lists:sublist(Words, 300)),
    Set = popcount(Bloom),
    io:format("bloom: ~b of ~b bits set (~.1f%)~n", [Set, ?BLOOM_BITS, 100 * Set / ?BLOOM_BITS]),
    FalseNeg = length([W || W <- lists:sublist(Words, 300), not bloom_member(W, Bloom)]),
    FalsePos = length([W || W <- lists:nthtail(300, Words), bloom_member(W, Bloom)]),
    io:format("bloom false negatives ~b, false positives ~b/300 (~.2f%)~n",
              [FalseNeg, FalsePos, 100 * FalsePos / 300]),
    io:format("bloom md5 of filter: ~s~n", [hex(erlang:md5(Bloom))]),
    %% HyperLogLog
    lists:foreach(fun(N) ->
                          Items = [rand:uniform(1 bsl 40) || _ <- lists:seq(1, N)],
                          H = lists:foldl(fun hll_add/2, hll_new(), Items),
                          Est = hll_count(H),
                          True = length(lists:usort(Items)),
                          io:format("hll n=~5b distinct=~5b estimate=~8.1f error=~5.2f%~n",
                                    [N, True, Est, 100 * (Est - True) / True])
                  end, [100, 1000, 5000, 20000]),
    %% duplicates do not change HLL
    H1 = lists:foldl(fun hll_add/2, hll_new(), lists:seq(1, 2000)),
    H2 = lists:foldl(fun hll_add/2, H1, lists:seq(1, 2000)),
    io:format("hll idempotent: ~p, merge works: ~p~n",
              [H1 =:= H2, hll_merge(H1, lists:foldl(fun hll_add/2, hll_new(), lists:seq(1001, 3000))) =:=
                              lists:foldl(fun hll_add/2, hll_new(), lists:seq(1, 3000))]),
    %% count-min sketch on a zipf-ish stream
    Stream = [trunc(math:pow(200, rand:uniform())) || _ <- lists:seq(1, 8000)],
    CM = lists:foldl(fun cm_add/2, #{}, Stream),
    Exact = lists:foldl(fun(X, M) -> maps:update_with(X, fun(C) -> C + 1 end, 1, M) end, #{}, Stream),
    Top = lists:sublist(lists:reverse(lists:keysort(2, lists:sort(maps:to_list(Exact)))), 6),
    [io:format("item ~3b exact ~4b cms ~4b~n", [K, V, cm_count(K, CM)]) || {K, V} <- Top],
    Over = lists:sum([cm_count(K, CM) - V || {K, V} <- maps:to_list(Exact)]),
    io:format("count-min total overestimate ~b over ~b keys, cells used ~b~n", [Over, map_size(Exact), map_size(CM)]),
    io:format("hash samples: ~p~n", [[{erlang:phash2(T, 1 bsl 20), erlang:crc32(term_to_binary(T))}
                                      || T <- [a, 1, 1.0, "s", <<"s">>, {a, [b]}, #{k => v}]]]),
    ok.

hex(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B].

%% ---------------------------------------------------------------- bloom
bloom_new() -> <<0:?BLOOM_BITS>>.

positions(W) ->
    <<A:32, B:32, _/binary>> = erlang:md5(W),
    [(A + I * B) rem ?BLOOM_BITS || I <- lists:seq(0, 4)].

bloom_add(W, Bits) -> lists:foldl(fun set_bit/2, Bits, positions(W)).

set_bit(I, Bits) ->
    <<Pre:I/bitstring, _:1, Post/bitstring>> = Bits,
    <<Pre/bitstring, 1:1, Post/bitstring>>.

bloom_member(W, Bits) ->
    lists:all(fun(I) -> <<_:I/bitstring, B:1, _/bitstring>> = Bits, B =:= 1 end, positions(W)).

popcount(B) -> lists:sum([X || <<X:1>> <= B]).

%% ---------------------------------------------------------------- hyperloglog
hll_new() -> erlang:make_tuple(1 bsl ?HLL_P, 0).

hll_add(X, Regs) ->
    <<H:64, _/binary>> = erlang:md5(term_to_binary(X)),
    Idx = H bsr (64 - ?HLL_P),
    Rest = H band ((1 bsl (64 - ?HLL_P)) - 1),
    Rank = leading_zeros(Rest, 64 - ?HLL_P) + 1,
    case element(Idx + 1, Regs) of
        Old when Old >= Rank -> Regs;
        _ -> setelement(Idx + 1, Regs, Rank)
    end.

leading_zeros(_, 0) -> 0;
leading_zeros(X, Bits) ->
    case X bsr (Bits - 1) of
        1 -> 0;
        0 -> 1 + leading_zeros(X, Bits - 1)
    end.

hll_count(Regs) ->
    M = tuple_size(Regs),
    Alpha = 0.7213 / (1 + 1.079 / M),
    Sum = lists:sum([math:pow(2, -R) || R <- tuple_to_list(Regs)]),
    E = Alpha * M * M / Sum,
    Zeros = length([R || R <- tuple_to_list(Regs), R =:= 0]),
    if E =< 2.5 * M, Zeros > 0 -> M * math:log(M / Zeros);
       true -> E
    end.

hll_merge(A, B) -> list_to_tuple([max(X, Y) || {X, Y} <- lists:zip(tuple_to_list(A), tuple_to_list(B))]).

%% ---------------------------------------------------------------- count-min
-define(CM_W, 64).
-define(CM_D, 4).

cm_add(X, M) ->
    lists:foldl(fun(Row, Acc) -> maps:update_with({Row, cm_hash(Row, X)}, fun(C) -> C + 1 end, 1, Acc) end,
                M, lists:seq(1, ?CM_D)).

cm_count(X, M) -> lists:min([maps:get({Row, cm_hash(Row, X)}, M, 0) || Row <- lists:seq(1, ?CM_D)]).

cm_hash(Row, X) -> erlang:phash2({Row, X}, ?CM_W).
