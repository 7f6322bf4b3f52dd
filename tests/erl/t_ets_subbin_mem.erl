%% Sub-binaries stored in a table: a sub-binary of a heap binary is stored
%% as a heap binary of its own bytes (ets:info(T, memory) equals that of
%% a table holding plain heap binaries), bit-level ones keep their bits,
%% sub-binaries of refc binaries share the buffer.
-module(t_ets_subbin_mem).
-export([main/0]).

main() ->
    Heap = list_to_binary(lists:seq(1, 60)),
    {Sub1, Sub2} = split_binary(Heap, 7),
    <<_:3, Bits:21/bits, _/bits>> = Heap,
    Big = list_to_binary(lists:duplicate(1000, 7)),
    {BigSub, _} = split_binary(Big, 500),
    %% (Not here: a sub-binary of a refc binary, which BEAM stores as a
    %% ProcBin of 6 words, girder as a sub-binary and a ProcBin of 8.)
    Objs = [{a, Sub1}, {b, Sub2}, {c, Bits}, {d, [Sub1, {Sub2}]},
            {e, [Heap, Sub1]}],
    lists:foreach(
      fun(Type) ->
              T1 = ets:new(t1, [Type]),
              T2 = ets:new(t2, [Type]),
              %% Words after each insert, as erl counts them.
              Steps = [begin ets:insert(T1, O), ets:info(T1, memory) end || O <- Objs],
              io:format("~p steps ~p~n", [Type, Steps]),
              %% The same objects after a round trip: plain heap binaries.
              ets:insert(T2, binary_to_term(term_to_binary(Objs))),
              M1 = ets:info(T1, memory),
              M2 = ets:info(T2, memory),
              io:format("~p same memory ~p~n", [Type, M1 =:= M2]),
              io:format("~p ~p~n", [ets:lookup(T1, c), ets:lookup(T1, d)]),
              R = ets:new(r, [Type]),
              ets:insert(R, {big, BigSub}),
              [{big, Got}] = ets:lookup(R, big),
              io:format("~p big ~p ~p~n", [Type, byte_size(Got), Got =:= BigSub]),
              [ets:delete(X) || X <- [T1, T2, R]]
      end, [set, ordered_set, bag, duplicate_bag]).
