%% A byte-wise trie over binaries (nested maps), with insertion,
%% deletion, prefix search, autocomplete ranked by weight, longest-prefix
%% match (routing-table style) and a radix-compressed dump.
-module(t_app_trie).
-export([main/0]).

main() ->
    Words = [{<<"car">>, 10}, {<<"card">>, 7}, {<<"care">>, 12}, {<<"careful">>, 3}, {<<"cart">>, 5},
             {<<"cat">>, 20}, {<<"catalog">>, 4}, {<<"dog">>, 15}, {<<"do">>, 30}, {<<"done">>, 9},
             {<<"zebra">>, 1}, {<<"über"/utf8>>, 2}, {<<"ü"/utf8>>, 6}, {<<>>, 100}],
    T = lists:foldl(fun({W, N}, Acc) -> insert(W, N, Acc) end, new(), Words),
    io:format("size ~b, nodes ~b~n", [tsize(T), tnodes(T)]),
    [io:format("lookup ~p -> ~p~n", [W, lookup(W, T)]) || W <- [<<"car">>, <<"ca">>, <<"cart">>, <<"carts">>, <<>>, <<"über"/utf8>>]],
    [io:format("prefix ~p -> ~p~n", [P, prefix(P, T)]) || P <- [<<"car">>, <<"do">>, <<"x">>, <<"c">>]],
    [io:format("complete ~p -> ~p~n", [P, complete(P, T, 3)]) || P <- [<<"ca">>, <<"d">>, <<>>]],
    T2 = lists:foldl(fun delete/2, T, [<<"card">>, <<"cat">>, <<"nothere">>, <<"do">>, <<>>]),
    io:format("after delete: size ~b, nodes ~b~n", [tsize(T2), tnodes(T2)]),
    io:format("all: ~p~n", [to_list(T2)]),
    io:format("radix:~n"),
    radix(T2, 1),
    %% routing table: longest prefix match on bit strings of IPv4 addresses
    Routes = [{<<10>>, 8, "net10"}, {<<10, 1>>, 16, "net10.1"}, {<<10, 1, 2>>, 24, "net10.1.2"},
              {<<192, 168>>, 16, "lan"}, {<<192, 168, 1, 128>>, 25, "lan-upper"}, {<<>>, 0, "default"}],
    RT = lists:foldl(fun({Pfx, Len, Name}, Acc) ->
                             <<Bits:Len/bitstring, _/bitstring>> = <<Pfx/binary, 0:32>>,
                             insert_bits(Bits, Name, Acc)
                     end, #{}, Routes),
    [io:format("route ~s -> ~s~n", [ip(A), lpm(A, RT)])
     || A <- [<<10, 9, 9, 9>>, <<10, 1, 3, 4>>, <<10, 1, 2, 99>>, <<192, 168, 1, 200>>, <<192, 168, 1, 5>>,
              <<8, 8, 8, 8>>]],
    ok.

ip(<<A, B, C, D>>) -> io_lib:format("~b.~b.~b.~b", [A, B, C, D]).

new() -> #{}.

insert(<<>>, V, T) -> T#{value => V};
insert(<<C, R/binary>>, V, T) -> T#{C => insert(R, V, maps:get(C, T, #{}))}.

lookup(<<>>, T) -> maps:find(value, T);
lookup(<<C, R/binary>>, T) ->
    case T of
        #{C := Sub} -> lookup(R, Sub);
        _ -> error
    end.

delete(<<>>, T) -> maps:remove(value, T);
delete(<<C, R/binary>>, T) ->
    case T of
        #{C := Sub} ->
            Sub1 = delete(R, Sub),
            case map_size(Sub1) of
                0 -> maps:remove(C, T);
                _ -> T#{C := Sub1}
            end;
        _ -> T
    end.

tsize(T) -> maps:fold(fun(value, _, A) -> A + 1; (_, Sub, A) -> A + tsize(Sub) end, 0, T).
tnodes(T) -> maps:fold(fun(value, _, A) -> A; (_, Sub, A) -> A + tnodes(Sub) end, 1, T).

to_list(T) -> lists:sort(collect(T, <<>>, [])).

collect(T, Pfx, Acc) ->
    lists:foldl(fun({value, V}, A) -> [{Pfx, V} | A];
                   ({C, Sub}, A) -> collect(Sub, <<Pfx/binary, C>>, A)
                end, Acc, maps:to_list(T)).

subtrie(<<>>, T) -> {ok, T};
subtrie(<<C, R/binary>>, T) ->
    case T of
        #{C := Sub} -> subtrie(R, Sub);
        _ -> error
    end.

prefix(P, T) ->
    case subtrie(P, T) of
        {ok, Sub} -> [<<P/binary, K/binary>> || {K, _} <- to_list(Sub)];
        error -> []
    end.

complete(P, T, N) ->
    case subtrie(P, T) of
        {ok, Sub} ->
            Ranked = lists:sort(fun({K1, V1}, {K2, V2}) -> {V2, K1} =< {V1, K2} end, to_list(Sub)),
            [{<<P/binary, K/binary>>, V} || {K, V} <- lists:sublist(Ranked, N)];
        error -> []
    end.

radix(T, Depth) ->
    Children = lists:sort([{C, S} || {C, S} <- maps:to_list(T), C =/= value]),
    lists:foreach(fun({C, Sub}) ->
                          {Label, End} = squash(<<C>>, Sub),
                          Val = case maps:find(value, End) of {ok, V} -> io_lib:format(" = ~b", [V]); error -> "" end,
                          io:format("~s~p~s~n", [lists:duplicate(Depth * 2, $\s), Label, Val]),
                          radix(End, Depth + 1)
                  end, Children).

squash(Label, T) ->
    case maps:to_list(T) of
        [{C, Sub}] when C =/= value -> squash(<<Label/binary, C>>, Sub);
        _ -> {Label, T}
    end.

insert_bits(<<>>, V, T) -> T#{value => V};
insert_bits(<<B:1, R/bitstring>>, V, T) -> T#{B => insert_bits(R, V, maps:get(B, T, #{}))}.

lpm(Addr, T) -> lpm(Addr, T, maps:get(value, T, none)).
lpm(<<>>, _, Best) -> Best;
lpm(<<B:1, R/bitstring>>, T, Best) ->
    case T of
        #{B := Sub} -> lpm(R, Sub, maps:get(value, Sub, Best));
        _ -> Best
    end.
