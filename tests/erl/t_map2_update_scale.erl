%% Map updates at scale: multi-key #{... => ...} and #{... := ...}
%% updates on small and large maps, building 5000-key maps in loops,
%% compound keys (maps, lists, nested tuples as keys), messages and GC.
-module(t_map2_update_scale).
-export([main/0]).

id(X) -> X.

main() ->
    Small = id(#{a => 1, b => 2}),
    %% several keys at once: new + existing, exact update of several
    M1 = Small#{c => 3, a => 10, {k} => tup, 1 => one, 1.0 => float_one},
    io:format("~p~n", [M1]),
    M2 = M1#{a := 100, b := 200, {k} := tup2},
    io:format("~p~n", [M2]),
    Big = maps:from_list([{N, N} || N <- lists:seq(1, 100)]),
    B2 = Big#{1 := x, 50 := y, 100 := z, 101 => new1, 0 => new0, -1 => neg},
    io:format("~p ~p~n", [map_size(B2), [maps:get(K, B2) || K <- [-1, 0, 1, 2, 50, 100, 101]]]),
    %% the original is unchanged
    io:format("~p~n", [[maps:get(K, Big) || K <- [1, 50, 100]]]),
    %% build a 5000-key map by update syntax in a loop and read it back
    M5k = build(5000, #{}),
    io:format("~p ~p~n", [map_size(M5k), lists:sum(maps:values(M5k))]),
    io:format("~p~n", [lists:all(fun(K) -> maps:get({key, K}, M5k) =:= K * 3 end, lists:seq(1, 5000))]),
    %% update every value with := in a loop
    M5u = lists:foldl(fun(K, M) -> M#{{key, K} := -K} end, M5k, lists:seq(1, 5000)),
    io:format("~p~n", [lists:sum(maps:values(M5u))]),
    %% delete all but a few
    Few = maps:without([{key, K} || K <- lists:seq(4, 5000)], M5u),
    io:format("~p~n", [Few]),
    %% compound keys: maps, lists, nested tuples and binaries (a large map
    %% with keys containing atoms would iterate differently: atoms hash by index)
    CK = #{#{a => 1} => map_key, [1, 2, 3] => list_key, {1, {2, {3}}} => nested, <<"b">> => bin, #{} => empty_map,
           [] => nil, {} => empty_tuple},
    io:format("~p~n", [CK]),
    io:format("~p~n", [[maps:get(K, CK) || K <- [#{a => 1}, [1, 2, 3], {1, {2, {3}}}, #{}, {}, []]]]),
    io:format("~p~n", [maps:find(#{a => 1.0}, CK)]),
    BigCK = maps:from_list([{#{0 => I}, I} || I <- lists:seq(1, 40)] ++ [{[I, I], I} || I <- lists:seq(1, 40)]),
    io:format("~p ~p ~p~n", [map_size(BigCK), maps:get(#{0 => 17}, BigCK), maps:get([33, 33], BigCK)]),
    io:format("~p~n", [lists:sublist(maps:keys(BigCK), 10)]),
    %% through a message to another process and back, then updated
    Self = self(),
    P = spawn(fun() -> receive {M, From} -> From ! {back, M#{from_child => true}} end end),
    P ! {M5k, Self},
    R = receive {back, RM} -> RM end,
    io:format("~p ~p ~p~n", [map_size(R), maps:get(from_child, R), maps:remove(from_child, R) =:= M5k]),
    %% many intermediate maps to exercise the GC
    Last = churn(2000, #{}),
    io:format("~p~n", [Last]),
    ok.

build(0, M) -> M;
build(N, M) -> build(N - 1, M#{{key, N} => N * 3}).

churn(0, M) -> M;
churn(N, M) ->
    M2 = M#{N rem 37 => N, {N rem 5} => [N]},
    churn(N - 1, maps:remove((N + 7) rem 37, M2)).
