%% ordered_set next/2 walks (girder answers a walk from keys read ahead:
%% every change to the table must be seen by the next step), overwrites
%% of a key by an equal one (1 by 1.0, {a} by {a}), and compound-key
%% hashing of set tables (tuples of immediates take a shortcut).
-module(t_ets_ordset_walk).
-export([main/0]).

walk(T, K, Acc) ->
    case ets:next(T, K) of
        '$end_of_table' -> lists:reverse(Acc);
        N -> walk(T, N, [N | Acc])
    end.

%% A walk that changes the table at every step: deletes the key two
%% ahead, inserts one between, deletes itself.
churn(T, K, I, Acc) ->
    case ets:next(T, K) of
        '$end_of_table' -> lists:reverse(Acc);
        N ->
            case I rem 3 of
                0 -> ets:delete(T, N + 2);
                1 -> ets:insert(T, {N + 0.5, ins});
                2 -> ets:delete(T, N)
            end,
            churn(T, N, I + 1, [N | Acc])
    end.

main() ->
    T = ets:new(o, [ordered_set]),
    ets:insert(T, [{I} || I <- lists:seq(1, 100)]),
    W = walk(T, ets:first(T), [ets:first(T)]),
    erlang:display({walk, length(W), lists:sum(W)}),
    %% Steps from keys not in the table, between keys, equal as numbers.
    erlang:display([ets:next(T, X) || X <- [0, 1.5, 2.0, 17, 99.0, 100, 100.5, a, {x}]]),
    erlang:display([ets:prev(T, X) || X <- [0, 1.5, 2.0, 17, 99.0, 100, 101, a]]),
    %% Walk part way, change the table, carry on.
    K5 = lists:foldl(fun(_, K) -> ets:next(T, K) end, 1, lists:seq(1, 4)),
    ets:delete(T, 6),
    ets:insert(T, {5.5}),
    erlang:display({after_change, ets:next(T, K5), ets:next(T, 5.5), ets:next(T, 6)}),
    ets:delete(T, 7),
    erlang:display({after_delete, ets:next(T, 5.5)}),
    ets:delete_all_objects(T),
    erlang:display({emptied, ets:next(T, 5.5), ets:first(T)}),
    ets:insert(T, [{I} || I <- lists:seq(1, 60)]),
    C = churn(T, 1, 0, []),
    erlang:display({churn, length(C), C}),
    erlang:display({left, ets:tab2list(T)}),
    %% Walks interleaved on two tables and from the end.
    T2 = ets:new(o2, [ordered_set]),
    ets:insert(T2, [{I * 2} || I <- lists:seq(1, 40)]),
    erlang:display([{ets:next(T, I), ets:next(T2, I)} || I <- lists:seq(1, 40, 3)]),
    erlang:display({last, ets:next(T2, 80), ets:next(T2, 78)}),
    %% Overwrites by an equal key: the new object (and key) wins.
    O = ets:new(ow, [ordered_set]),
    ets:insert(O, {1, one}),
    ets:insert(O, {1.0, float}),
    ets:insert(O, {2.0, float}),
    ets:insert(O, {2, int}),
    ets:insert(O, {{a}, t1}),
    ets:insert(O, {{a}, t2}),
    ets:insert(O, {3, a}),
    ets:insert(O, {3, b}),
    erlang:display({overwrite, ets:tab2list(O), ets:first(O), ets:next(O, 1),
                    ets:info(O, size), ets:info(O, memory) > 0}),
    ets:insert(O, {3, 7}),
    erlang:display({counter, ets:update_counter(O, 3, 5), ets:lookup(O, 3.0)}),
    %% A walk of a write_concurrency ordered_set (a CA tree).
    CA = ets:new(ca, [ordered_set, public, {write_concurrency, true}]),
    ets:insert(CA, [{I} || I <- lists:seq(1, 50)]),
    WC = walk(CA, ets:first(CA), [ets:first(CA)]),
    ets:delete(CA, 25),
    erlang:display({ca, length(WC), ets:next(CA, 24), ets:next(CA, 23)}),
    %% Set tables keyed by tuples of immediates and by deeper terms.
    S = ets:new(s, [set]),
    Keys = [{I, true, -I} || I <- lists:seq(1, 30)] ++ [{I, [I]} || I <- lists:seq(1, 30)]
        ++ [{} , {{}}, {1.5}, {true, {false}}],
    ets:insert(S, [{K, v} || K <- Keys]),
    erlang:display({set, ets:tab2list(S)}),
    erlang:display([ets:slot(S, I) || I <- lists:seq(0, 20)]),
    erlang:display([ets:lookup(S, K) || K <- [{3, true, -3}, {3, [3]}, {}, {3, true, 3}]]),
    ok.
