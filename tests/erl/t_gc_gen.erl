-module(t_gc_gen).
-export([main/0]).

%% Generational GC behaviour seen through process_info/garbage_collect:
%% values erl and girder both fix are printed, sizes only as properties.

main() ->
    flags(),
    spawn_options(),
    old_heap_appears(),
    major_empties_old_heap(),
    minor_count(),
    fullsweep_zero(),
    survives(),
    hibernated(),
    gc_info_keys(),
    ok.

gc(Item) ->
    {garbage_collection, L} = process_info(self(), garbage_collection),
    proplists:get_value(Item, L).

flags() ->
    erlang:display(process_flag(fullsweep_after, 10)),
    erlang:display(process_info(self(), fullsweep_after)),
    erlang:display(gc(fullsweep_after)),
    erlang:display(process_flag(fullsweep_after, 65535)),
    erlang:display(process_flag(min_heap_size, 1000)),
    erlang:display(gc(min_heap_size)),
    erlang:display(process_flag(min_heap_size, 233)),
    erlang:display(reason(catch process_flag(fullsweep_after, -1))),
    erlang:display(reason(catch process_flag(min_heap_size, x))).

reason({'EXIT', {R, _}}) -> R;
reason(Other) -> Other.

spawn_options() ->
    Self = self(),
    P = spawn_opt(fun() ->
                          Self ! {gc, gc(fullsweep_after), gc(min_heap_size)},
                          {heap_size, H} = process_info(self(), heap_size),
                          Self ! {big_enough, H >= 5000}
                  end, [{fullsweep_after, 7}, {min_heap_size, 5000}]),
    receive {gc, F, M} -> erlang:display({P =/= self(), F, M}) end,
    receive {big_enough, B} -> erlang:display(B) end,
    erlang:display(reason(catch spawn_opt(fun() -> ok end, [{fullsweep_after, -3}]))).

%% As hibernate_SUITE's acquire_old_heap: allocating and collecting ends
%% with data in an old heap.
old_heap_appears() ->
    Keep = lists:seq(1, 2000),
    N = acquire(0),
    erlang:display({old_heap, N > 0, length(Keep)}).

acquire(N) ->
    case process_info(self(), [heap_size, total_heap_size]) of
        [{heap_size, Sz}, {total_heap_size, Total}] when Sz < Total -> N + 1;
        _ -> acquire(N + 1)
    end.

info(Item) ->
    {garbage_collection_info, L} = process_info(self(), garbage_collection_info),
    proplists:get_value(Item, L).

%% In a fresh process: what the old heap of the process running main/0
%% holds depends on how the VM's boot used that process.
major_empties_old_heap() ->
    Self = self(),
    {P, Ref} = spawn_monitor(fun() -> Self ! {self(), major_empties_old_heap_()} end),
    receive {P, Len} -> Len end,
    receive {'DOWN', Ref, process, P, normal} -> ok end.

major_empties_old_heap_() ->
    Keep = lists:seq(1, 3000),
    erlang:garbage_collect(self(), [{type, minor}]),
    erlang:garbage_collect(self(), [{type, minor}]),
    erlang:display({promoted, info(old_heap_size) >= 2 * 3000}),
    true = erlang:garbage_collect(),
    erlang:display({after_major, info(old_heap_size), info(old_heap_block_size),
                    gc(minor_gcs)}),
    erlang:display({total_is_young, element(2, process_info(self(), heap_size)) ==
                        element(2, process_info(self(), total_heap_size))}),
    length(Keep).

minor_count() ->
    erlang:garbage_collect(),
    A = gc(minor_gcs),
    erlang:garbage_collect(self(), [{type, minor}]),
    erlang:garbage_collect(self(), [{type, minor}]),
    B = gc(minor_gcs),
    erlang:display({minor_gcs, A, B - A}),
    erlang:display(reason(catch erlang:garbage_collect(self(), [{type, medium}]))).

%% fullsweep_after 0: every collection is a full sweep, no old heap ever.
fullsweep_zero() ->
    Self = self(),
    spawn_opt(fun() ->
                      Keep = lists:seq(1, 5000),
                      _ = churn(200),
                      {garbage_collection_info, L} =
                          process_info(self(), garbage_collection_info),
                      Self ! {fz, proplists:get_value(old_heap_block_size, L),
                              length(Keep)}
              end, [{fullsweep_after, 0}]),
    receive {fz, O, K} -> erlang:display({fullsweep_zero, O, K}) end.

churn(0) -> ok;
churn(N) -> _ = [{X} || X <- lists:seq(1, 500)], churn(N - 1).

%% Data kept across many minor and a few major collections stays intact.
survives() ->
    M = maps:from_list([{I, {I, integer_to_list(I)}} || I <- lists:seq(1, 3000)]),
    T = list_to_tuple(lists:seq(1, 500)),
    B = binary:copy(<<"x">>, 1000),
    erlang:display(process_flag(fullsweep_after, 5)),
    R = keep(40, M, T, B, []),
    erlang:display(R),
    process_flag(fullsweep_after, 65535).

keep(0, M, T, B, Acc) ->
    {maps:size(M), lists:sum([I || {I, _} <- maps:values(M)]),
     element(500, T), byte_size(B), length(Acc), lists:sum(Acc)};
keep(N, M, T, B, Acc) ->
    churn(5),
    {_, S} = maps:get(N * 7, M),
    keep(N - 1, M, T, B, [list_to_integer(S) | Acc]).

hibernated() ->
    Self = self(),
    P = spawn(fun() -> erlang:hibernate(erlang, apply, [fun() -> woke(Self) end, []]) end),
    wait_hibernated(P),
    [{heap_size, H}, {total_heap_size, T}] = process_info(P, [heap_size, total_heap_size]),
    erlang:display({hibernated, H == T, H < 100}),
    P ! go,
    receive {woke, W} -> erlang:display(W) end.

woke(Parent) ->
    receive go -> ok end,
    L = lists:seq(1, 10000),
    Parent ! {woke, lists:sum(L)}.

wait_hibernated(P) ->
    case process_info(P, current_function) of
        {current_function, {erlang, hibernate, 3}} -> ok;
        _ -> receive after 1 -> wait_hibernated(P) end
    end.

gc_info_keys() ->
    {garbage_collection_info, L} = process_info(self(), garbage_collection_info),
    erlang:display([K || {K, V} <- L, is_integer(V), V >= 0]).
