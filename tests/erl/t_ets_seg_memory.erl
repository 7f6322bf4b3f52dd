%% info(T, memory) of hash tables as they grow past BEAM's first bucket
%% segment (256 buckets) and shrink: erl counts each later segment of
%% 2048 buckets and the segment tables, and ets_SUITE's memory test reads
%% the record sizes behind that from get_internal_state('DbTable_words').
-module(t_ets_seg_memory).
-export([main/0]).

mem(T) -> ets:info(T, memory).

main() ->
    erts_debug:set_internal_state(available_internal_state, true),
    erlang:display(erts_debug:get_internal_state('DbTable_words')),
    [run(Type) || Type <- [set, bag, duplicate_bag]],
    %% Growth step by step around the first segment boundaries.
    T = ets:new(t, [set]),
    Steps = [begin
                 ets:insert(T, [{K, K} || K <- lists:seq(N - 99, N)]),
                 {N, mem(T)}
             end || N <- lists:seq(100, 5000, 100)],
    erlang:display(Steps),
    Down = [begin
                [ets:delete(T, K) || K <- lists:seq(N - 99, N)],
                {N, mem(T)}
            end || N <- lists:seq(5000, 100, -100)],
    erlang:display(Down),
    ets:insert(T, [{K} || K <- lists:seq(1, 3000)]),
    erlang:display({refill, mem(T)}),
    ets:delete_all_objects(T),
    erlang:display({emptied, mem(T)}),
    %% erlang:memory(ets) grows with the table.
    E0 = erlang:memory(ets),
    ets:insert(T, [{K} || K <- lists:seq(1, 3000)]),
    E1 = erlang:memory(ets),
    erlang:display({memory_ets_grew, E1 - E0 > (mem(T) - 305) * 8 div 2}),
    erts_debug:set_internal_state(available_internal_state, false),
    ok.

run(Type) ->
    T = ets:new(x, [Type]),
    [ets:insert(T, {N + N rem 2, integer_to_list(N)}) || N <- lists:seq(1000, 1, -1)],
    M1 = mem(T),
    ets:delete(T, 2),
    M2 = mem(T),
    ets:match_delete(T, {4, '_'}),
    M3 = mem(T),
    ets:select_delete(T, [{'_', [], [true]}]),
    M4 = mem(T),
    erlang:display({Type, M1, M2, M3, M4}),
    ets:delete(T).
