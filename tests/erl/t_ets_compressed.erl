-module(t_ets_compressed).
-export([main/0]).

%% Compressed tables (`ets:new(T, [compressed])`): every operation on
%% objects whose non-key elements are stored encoded, for each table
%% type, and erl's memory figures (BEAM sizes compressed objects by
%% their external-format encoding).

values() ->
    Big = binary:copy(<<7, 8, 9>>, 70),
    <<_:3, Unaligned:100/bitstring, _/bitstring>> = Big,
    N = 5,
    [a, "text", [1, 2, {x, y}], [a | b], [], {}, <<"heap">>, Big,
     binary:part(Big, 3, 100), binary:part(Big, 3, 10), binary:part(Big, 0, 33),
     <<1:3>>, Unaligned, 1 bsl 100, -(1 bsl 80), [1 bsl 40, -(1 bsl 35), 300, -7],
     3.25, -0.0, fun(X) -> X + N end, fun lists:reverse/1, self(), make_ref(),
     #{a => 1, "k" => [Big]}, maps:from_list([{I, {I}} || I <- lists:seq(1, 40)]),
     {nested, [Big, {1 bsl 70}, #{}], <<>>}, lists:seq(1, 300),
     list_to_atom("an atom"), 1 bsl 59, -(1 bsl 59)].

objects() ->
    Vs = values(),
    [{I, V, I * 2} || {I, V} <- lists:zip(lists:seq(1, length(Vs)), Vs)].

same(A, B) -> A =:= B.

run(Type) -> run(Type, []).

run(Type, Opts) ->
    T = ets:new(t, [Type, compressed | Opts]),
    true = ets:info(T, compressed),
    Objs = objects(),
    Empty = ets:info(T, memory),
    true = ets:insert(T, Objs),
    io:format("~p memory ~p~n", [Type, ets:info(T, memory) - Empty]),
    %% lookup and lookup_element
    Looked = [hd(ets:lookup(T, K)) || {K, _, _} <- Objs],
    io:format("lookup ~p~n", [same(Looked, Objs)]),
    Elems = [ets:lookup_element(T, K, 2) || {K, _, _} <- Objs],
    io:format("lookup_element ~p~n", [same(Elems, [V || {_, V, _} <- Objs])]),
    %% the fun still works after a round trip
    {_, F, _} = lists:keyfind(19, 1, Looked),
    io:format("fun ~p~n", [F(1)]),
    %% match, match_object, select with guards on decoded elements
    M = lists:sort(ets:match(T, {'$1', '$2', '_'})),
    io:format("match ~p~n", [same(M, lists:sort([[K, V] || {K, V, _} <- Objs]))]),
    MO = lists:sort(ets:match_object(T, {'_', 3.25, '_'})),
    io:format("match_object ~p~n", [MO]),
    Sel = lists:sort(ets:select(T, [{{'$1', '$2', '_'}, [{is_binary, '$2'}], ['$1']}])),
    io:format("select binaries ~p~n", [Sel]),
    Sel2 = lists:sort(ets:select(T, [{{'$1', '$2', '_'},
                                      [{is_integer, '$2'}, {'>', '$2', 1 bsl 90}],
                                      [{{'$1', '$2'}}]}])),
    io:format("select big ~p~n", [Sel2]),
    SelM = ets:select(T, [{{'_', #{a => '$1'}, '_'}, [], ['$1']}]),
    io:format("select map ~p~n", [SelM]),
    io:format("select_count ~p~n",
              [ets:select_count(T, [{{'_', '$1', '_'}, [{is_list, '$1'}], [true]}])]),
    %% tab2list and foldl
    io:format("tab2list ~p~n", [same(lists:sort(ets:tab2list(T)), lists:sort(Objs))]),
    io:format("foldl ~p~n", [ets:foldl(fun({K, _, _}, A) -> A + K end, 0, T)]),
    %% bag equality: the same object again
    true = ets:insert(T, hd(tl(tl(Objs)))),
    true = ets:insert(T, lists:keyfind(8, 1, Objs)),
    io:format("size after duplicates ~p~n", [ets:info(T, size)]),
    %% delete_object with a decoded comparison
    true = ets:delete_object(T, lists:keyfind(14, 1, Objs)),
    true = ets:delete_object(T, {15, not_there, 30}),
    io:format("after delete_object ~p ~p~n", [ets:lookup(T, 14), length(ets:lookup(T, 15))]),
    %% take
    Taken = ets:take(T, 9),
    io:format("take ~p ~p~n", [same(Taken, [lists:keyfind(9, 1, Objs)]), ets:lookup(T, 9)]),
    case Type of
        _ when Type =:= set; Type =:= ordered_set ->
            %% counters: small in place, a bignum element, a new bignum
            io:format("counter ~p~n", [ets:update_counter(T, 1, {3, 5})]),
            io:format("counter big ~p~n", [ets:update_counter(T, 15, {2, 1})]),
            ets:insert(T, {14, 1 bsl 100, 7}),
            io:format("counter big2 ~p~n", [ets:update_counter(T, 14, [{2, -1}, {3, 1 bsl 62}])]),
            io:format("after ~p~n", [ets:lookup(T, 14)]),
            {'EXIT', {Why, _}} = (catch ets:update_counter(T, 2, {2, 1})),
            io:format("counter badarg ~p~n", [Why]),
            io:format("counter default ~p~n",
                      [ets:update_counter(T, 999, {3, 1}, {0, "d", 1 bsl 64})]),
            %% update_element
            true = ets:update_element(T, 3, [{2, <<"new">>}, {3, {x, 1 bsl 80}}]),
            io:format("update_element ~p~n", [ets:lookup(T, 3)]),
            %% select_replace keeps the key, re-encodes the rest
            N = ets:select_replace(T, [{{'$1', '$2', '$3'}, [{'<', '$1', 4}],
                                        [{{'$1', {{'$2'}}, '$3'}}]}]),
            io:format("select_replace ~p ~p~n", [N, ets:lookup(T, 2)]),
            io:format("insert_new ~p~n", [ets:insert_new(T, {1000, [x], <<"y">>})]);
        _ ->
            io:format("bag lookup ~p~n", [ets:lookup(T, 1)])
    end,
    io:format("next ~p~n", [ets:next(T, ets:first(T)) =/= '$end_of_table']),
    io:format("select_delete ~p~n",
              [ets:select_delete(T, [{{'_', '$1', '_'}, [{is_float, '$1'}], [true]}])]),
    io:format("match_delete ~p~n", [ets:match_delete(T, {'_', [], '_'})]),
    io:format("size ~p~n", [ets:info(T, size)]),
    ets:delete(T).

%% erl's memory of a compressed table for objects of the kinds tested
%% above, and of keys that are compound terms themselves.
memory() ->
    Big = binary:copy(<<1>>, 100),
    Objs = [{{k, I, "key"}, integer_to_list(I), <<I:64>>, Big, {I, 1.5}}
            || I <- lists:seq(1, 50)],
    [begin
         T = ets:new(m, [Type, compressed]),
         E = ets:info(T, memory),
         ets:insert(T, Objs),
         io:format("~p ~p~n", [Type, ets:info(T, memory) - E]),
         ets:delete(T)
     end || Type <- [set, ordered_set, bag, duplicate_bag]].

%% ets_SUITE:memory's objects: {N, integer_to_list(N)}.
suite_memory() ->
    [begin
         T = ets:new(m, [Type, compressed]),
         [ets:insert(T, {I, integer_to_list(I)}) || I <- lists:seq(1, 1000)],
         io:format("suite ~p ~p~n", [Type, ets:info(T, memory)]),
         ets:delete(T)
     end || Type <- [ordered_set, set, bag, duplicate_bag]].

%% Key at another position, wide tuples, long and improper lists,
%% bitstrings over refc binaries, big maps with compound keys.
edge() ->
    Big = binary:copy(<<16#A5>>, 300),
    <<_:5, B1:20/bitstring, _/bitstring>> = Big,
    <<_:13, B2:300/bitstring, _/bitstring>> = Big,
    Wide = list_to_tuple(lists:seq(1, 300)),
    Long = lists:duplicate(70000, 7),
    M = maps:from_list([{{k, I}, [I]} || I <- lists:seq(1, 50)]),
    Objs = [{a, {key, 1}, Wide}, {b, {key, 2}, Long}, {c, {key, 3}, [1, 2 | 3]},
            {d, {key, 4}, B1}, {e, {key, 5}, B2}, {f, {key, 6}, M},
            {g, [1, 2, 3], {Big, B2, 1.0e300}}],
    [begin
         T = ets:new(e, [Type, compressed, {keypos, 2}]),
         E = ets:info(T, memory),
         ets:insert(T, Objs),
         Mem = ets:info(T, memory) - E,
         Back = [hd(ets:lookup(T, element(2, O))) || O <- Objs],
         Sel = lists:sort([{K, bit_size(V)}
                           || {K, V} <- ets:select(T, [{{'$1', '_', '$2'}, [],
                                                        [{{'$1', '$2'}}]}]),
                              is_bitstring(V)]),
         io:format("edge ~p ~p ~p ~p~n", [Type, Mem, Back =:= Objs, Sel]),
         ets:delete(T)
     end || Type <- [set, ordered_set, bag]],
    %% tab2file keeps the option; file2tab loads the same memory
    T = ets:new(f, [set, compressed]),
    ets:insert(T, Objs),
    File = "t_ets_compressed.tab",
    ok = ets:tab2file(T, File),
    {ok, T2} = ets:file2tab(File),
    io:format("file2tab ~p ~p ~p~n", [ets:info(T2, compressed),
                                       ets:info(T2, memory) =:= ets:info(T, memory),
                                       lists:sort(ets:tab2list(T2)) =:= lists:sort(Objs)]),
    file:delete(File),
    ok.

main() ->
    edge(),
    [run(Type) || Type <- [set, ordered_set, bag, duplicate_bag]],
    %% fine-locked hash tables and the contention-adapting tree
    [run(Type, [{write_concurrency, true}]) || Type <- [set, ordered_set, bag]],
    memory(),
    suite_memory(),
    %% binaries stay referenced while stored, and are freed with the table
    T = ets:new(b, [set, compressed]),
    ets:insert(T, {1, binary:copy(<<5>>, 1000)}),
    [{1, B}] = ets:lookup(T, 1),
    io:format("binary ~p ~p~n", [byte_size(B), binary:referenced_byte_size(B)]),
    ets:delete(T),
    io:format("still ~p~n", [binary:last(B)]),
    ok.
