%% ets:info(T, memory) of empty and filled tables for every lock layout:
%% read_concurrency, write_concurrency (true, auto, a lock count) and the
%% CA tree of write_concurrency ordered_sets.
-module(t_ets_base_memory).
-export([main/0]).

main() ->
    Opts = [[], [{read_concurrency, true}], [{write_concurrency, true}],
            [{write_concurrency, auto}],
            [{write_concurrency, true}, {read_concurrency, true}],
            [{write_concurrency, auto}, {read_concurrency, true}],
            [{write_concurrency, {debug_hash_fixed_number_of_locks, 128}}],
            [{write_concurrency, {debug_hash_fixed_number_of_locks, 100}},
             {read_concurrency, true}],
            [private, {write_concurrency, true}]],
    %% ordered_set refuses a lock count (badarg): printed, not a crash
    %% (a crashing -s stops erl before its output is all written).
    [try ets:new(t, [Type | O]) of
         T ->
             M0 = ets:info(T, memory),
             ets:insert(T, [{K, K} || K <- lists:seq(1, 50)]),
             io:format("~p ~p ~p ~p~n", [Type, O, M0, ets:info(T, memory)]),
             ets:delete(T)
     catch
         error:badarg -> io:format("~p ~p badarg~n", [Type, O])
     end || Type <- [set, bag, duplicate_bag, ordered_set], O <- Opts],
    ok.
