%% The ETS hot paths: objects of every shape copied in and out (shared
%% binaries, sub-binaries, lists, maps, floats, bignums, funs), bag
%% lookups in order, lookup_element on bags, update_counter in every form
%% including results that leave small integers, and write_concurrency
%% (sharded) tables behaving as plain ones.
-module(t_ets_hot).
-export([main/0]).

shapes() ->
    Big = binary:copy(<<"0123456789">>, 20),
    <<_:3/binary, Sub:50/binary, _/binary>> = Big,
    [{1, a, 2.5}, {2, [1, 2, [3 | 4]], "str"}, {3, Big, Sub},
     {4, #{a => 1, b => [x]}, 1 bsl 70}, {5, {nested, {deep, [Big]}}, -3},
     {6, fun erlang:abs/1, <<1:3>>}, {7}, {{tuple, key}, [], <<>>}].

objects(Opts) ->
    T = ets:new(t, Opts),
    ets:insert(T, shapes()),
    L = [ets:lookup(T, element(1, O)) || O <- shapes()],
    erlang:display(L =:= [[O] || O <- shapes()]),
    %% The copies outlive the stored objects.
    ets:delete_all_objects(T),
    erlang:garbage_collect(),
    erlang:display([byte_size(B) || [{3, B, _}] <- L]),
    erlang:display([S || [{3, _, S}] <- L] =:= [element(3, lists:keyfind(3, 1, shapes()))]),
    ets:delete(T).

bags(Kind, Opts) ->
    T = ets:new(b, [Kind | Opts]),
    ets:insert(T, [{k, I, x} || I <- lists:seq(1, 12)]),
    ets:insert(T, {k, 3, x}),
    ets:insert(T, [{j, 1}, {j, 2}, {j, 1}]),
    erlang:display(ets:lookup(T, k)),
    erlang:display(ets:lookup(T, j)),
    erlang:display(ets:lookup_element(T, k, 2)),
    erlang:display(ets:lookup_element(T, j, 2)),
    erlang:display(err(fun() -> ets:lookup_element(T, j, 3) end)),
    erlang:display(err(fun() -> ets:lookup_element(T, nope, 1) end)),
    ets:delete_object(T, {k, 5, x}),
    ets:insert(T, {k, 5, x}),
    erlang:display(ets:lookup_element(T, k, 2)),
    erlang:display(ets:lookup(T, nope)),
    ets:delete(T).

counters(Opts) ->
    T = ets:new(c, [set | Opts]),
    ets:insert(T, {a, 0, 10, 20, big}),
    erlang:display(ets:update_counter(T, a, 1)),
    erlang:display(ets:update_counter(T, a, {3, -4})),
    erlang:display(ets:update_counter(T, a, [{2, 5}, {3, 1, 8, 0}, {4, -30, -5, 7}])),
    erlang:display(ets:update_counter(T, a, [])),
    %% Past the small integer range and back.
    erlang:display(ets:update_counter(T, a, {2, 1 bsl 59})),
    erlang:display(ets:update_counter(T, a, {2, 1 bsl 59})),
    erlang:display(ets:update_counter(T, a, {2, -(1 bsl 60)})),
    %% One position twice sees the first result.
    erlang:display(ets:update_counter(T, a, [{3, 1}, {3, 10}])),
    %% A list longer than the fast path takes.
    erlang:display(ets:update_counter(T, a, [{2, 1} || _ <- lists:seq(1, 10)])),
    erlang:display(ets:lookup(T, a)),
    %% Errors leave the object as it was.
    erlang:display(err(fun() -> ets:update_counter(T, a, [{2, 1}, {5, 1}]) end)),
    erlang:display(err(fun() -> ets:update_counter(T, a, [{2, 1}, {9, 1}]) end)),
    erlang:display(err(fun() -> ets:update_counter(T, a, {1, 1}) end)),
    erlang:display(err(fun() -> ets:update_counter(T, a, {2, 1.0}) end)),
    erlang:display(err(fun() -> ets:update_counter(T, a, [{2, 1} | x]) end)),
    erlang:display(err(fun() -> ets:update_counter(T, b, 1) end)),
    erlang:display(ets:lookup(T, a)),
    erlang:display(ets:update_counter(T, {d, 1}, {2, 3}, {x, 10})),
    erlang:display(ets:update_counter(T, {d, 1}, 1, {x, 10})),
    erlang:display(ets:update_counter(T, 7, [{2, 1, 10, -1}, {3, -1, 0, 99}], {0, 10, 0})),
    erlang:display(lists:sort(ets:tab2list(T))),
    ets:delete(T).

sharded() ->
    T = ets:new(s, [set, public, {write_concurrency, true}]),
    ets:insert(T, [{K, K * K} || K <- lists:seq(1, 2000)]),
    [ets:insert(T, {K, -K}) || K <- lists:seq(1, 2000, 3)],
    [ets:delete(T, K) || K <- lists:seq(2, 2000, 7)],
    erlang:display(ets:info(T, size)),
    L = ets:tab2list(T),
    erlang:display({length(L), lists:sum([V || {_, V} <- L])}),
    Keys = walk(T, ets:first(T), []),
    erlang:display(lists:sort(Keys) =:= lists:sort([K || {K, _} <- L])),
    erlang:display(length(ets:select(T, [{{'$1', '$2'}, [{'<', '$2', 0}], ['$1']}]))),
    erlang:display(ets:select_count(T, [{{'_', '$1'}, [{'>', '$1', 1000}], [true]}])),
    erlang:display(ets:foldl(fun({_, V}, A) -> A + V end, 0, T)),
    erlang:display(ets:take(T, 4)),
    erlang:display(ets:member(T, 4)),
    erlang:display(ets:insert_new(T, [{4, a}, {5, b}])),
    erlang:display(ets:insert_new(T, [{4, a}, {6000, b}])),
    ets:delete_all_objects(T),
    erlang:display(ets:info(T, size)),
    ets:delete(T),
    B = ets:new(sb, [bag, public, {write_concurrency, true}]),
    ets:insert(B, [{K rem 10, K} || K <- lists:seq(1, 100)]),
    erlang:display(ets:lookup(B, 3)),
    erlang:display(ets:info(B, size)),
    ets:delete(B).

err(F) ->
    try F() catch C:R -> {C, R} end.

walk(_, '$end_of_table', Acc) -> Acc;
walk(T, K, Acc) -> walk(T, ets:next(T, K), [K | Acc]).

main() ->
    objects([set]),
    objects([ordered_set]),
    objects([bag, {write_concurrency, true}]),
    bags(bag, []),
    bags(duplicate_bag, []),
    bags(bag, [public, {write_concurrency, true}]),
    counters([]),
    counters([ordered_set]),
    counters([public, {write_concurrency, true}]),
    sharded(),
    ok.
