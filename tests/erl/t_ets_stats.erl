%% ets:info(T, stats) as erl reports it: for hash tables the chain
%% statistics of the real bucket layout ({Buckets, Avg, StdDev,
%% ExpectedStdDev, Min, Max, KeptDeleted, Locks}), at several sizes, key
%% shapes and lock options, after deletes and while fixed; for
%% ordered_set false, for a write_concurrency ordered_set the CA tree's
%% {RouteNodes, BaseNodes, MaxDepth}.
-module(t_ets_stats).
-export([main/0]).

main() ->
    Opts = [[set], [bag], [duplicate_bag], [set, {write_concurrency, true}],
            [set, {write_concurrency, auto}], [bag, {write_concurrency, true}],
            [set, {write_concurrency, {debug_hash_fixed_number_of_locks, 128}}],
            [set, {write_concurrency, {debug_hash_fixed_number_of_locks, 512}}],
            [bag, {write_concurrency, {debug_hash_fixed_number_of_locks, 2048}}]],
    [run(O, N) || O <- Opts, N <- [0, 10, 300, 5000]],
    [io:format("~p~n", [ets:info(ets:new(o, O), stats)])
     || O <- [[ordered_set], [ordered_set, {write_concurrency, true}],
              [ordered_set, {read_concurrency, true}]]],
    ok.

key(I) when I rem 3 =:= 0 -> I;
key(I) when I rem 3 =:= 1 -> {I, "k"};
key(I) -> integer_to_binary(I).

run(Opts, N) ->
    T = ets:new(t, Opts),
    [ets:insert(T, {key(I), I}) || I <- lists:seq(1, N)],
    [ets:insert(T, {key(I), -I}) || I <- lists:seq(1, N, 4), hd(Opts) =/= set],
    io:format("~p ~p~n  ~p~n", [Opts, N, ets:info(T, stats)]),
    [ets:delete(T, key(I)) || I <- lists:seq(1, N, 2)],
    io:format("  ~p~n", [ets:info(T, stats)]),
    ets:safe_fixtable(T, true),
    [ets:delete(T, key(I)) || I <- lists:seq(2, N, 4)],
    io:format("  fixed ~p~n", [ets:info(T, stats)]),
    ets:safe_fixtable(T, false),
    io:format("  unfixed ~p~n", [ets:info(T, stats)]),
    ets:delete(T).
