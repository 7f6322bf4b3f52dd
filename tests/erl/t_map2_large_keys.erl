%% Large maps (HAMT, > 32 keys) with integer, bignum, tuple, binary,
%% float, list and mixed keys: build, lookup, update, remove, iteration
%% order (printed as BEAM prints them), equality, shrinking back.
-module(t_map2_large_keys).
-export([main/0]).

id(X) -> X.

keysets() ->
    [{ints, [X * 7 - 100 || X <- lists:seq(1, 60)]},
     {bigs, [(1 bsl 64) + X * 1000003 || X <- lists:seq(1, 40)]},
     {tuples, [{X, X rem 3} || X <- lists:seq(1, 50)]},
     {bins, [integer_to_binary(X * X) || X <- lists:seq(1, 45)]},
     {floats, [X / 4 || X <- lists:seq(1, 40)]},
     {lists, [lists:seq(1, X rem 7) ++ [X] || X <- lists:seq(1, 35)]},
     {mixed, lists:append([[X, {X}, float(X) + 0.5, <<X>>] || X <- lists:seq(1, 12)])}].

main() ->
    lists:foreach(fun({Name, Keys}) -> check(Name, Keys) end, keysets()),
    %% growth and shrink across the 32-key boundary, checking each step
    Steps = lists:foldl(fun(K, {M, Acc}) ->
                                M2 = M#{{k, K} => K},
                                {M2, [{map_size(M2), maps:get({k, K}, M2)} | Acc]}
                        end, {#{}, []}, lists:seq(1, 40)),
    {Grown, Trace} = Steps,
    io:format("~p~n", [lists:reverse(Trace) =:= [{N, N} || N <- lists:seq(1, 40)]]),
    Shrunk = lists:foldl(fun(K, M) -> maps:remove({k, K}, M) end, Grown, lists:seq(1, 38)),
    io:format("~p~n", [Shrunk]),
    io:format("~p~n", [Shrunk =:= #{{k, 39} => 39, {k, 40} => 40}]),
    %% the same keys inserted in different orders give equal maps
    Keys = [X * 13 rem 101 || X <- lists:seq(1, 100)],
    M1 = maps:from_list([{K, K} || K <- Keys]),
    M2 = maps:from_list([{K, K} || K <- lists:reverse(Keys)]),
    M3 = lists:foldl(fun(K, M) -> M#{K => K} end, #{}, lists:sort(Keys)),
    io:format("~p ~p ~p~n", [M1 =:= M2, M2 =:= M3, erlang:phash2(M1) =:= erlang:phash2(M3)]),
    io:format("~p~n", [maps:keys(M1) =:= maps:keys(M3)]),
    %% integer keys vs float keys are different keys
    FI = maps:from_list([{X, int} || X <- lists:seq(1, 40)] ++ [{float(X), flt} || X <- lists:seq(1, 40)]),
    io:format("~p ~p ~p~n", [map_size(FI), maps:get(7, FI), maps:get(7.0, FI)]),
    io:format("~p~n", [lists:sublist(lists:sort(maps:to_list(FI)), 6)]),
    %% -0.0 and 0.0 are distinct keys in OTP 25? (=:= differs)
    Z = maps:from_list([{0.0, pos}, {-0.0, neg}, {0, int}] ++ [{X, X} || X <- lists:seq(1, 40)]),
    io:format("~p ~p~n", [map_size(Z), [maps:get(K, Z) || K <- [0.0, -0.0, 0]]]),
    %% update every value of a large map with the exact-update syntax
    Upd = maps:fold(fun(K, V, Acc) -> Acc#{K := V * 2} end, M1, M1),
    io:format("~p~n", [lists:sum(maps:values(Upd))]),
    ok.

check(Name, Keys0) ->
    Keys = [id(K) || K <- Keys0],
    M = maps:from_list([{K, {v, K}} || K <- Keys]),
    N = length(lists:usort(Keys)),
    Found = lists:all(fun(K) -> maps:get(K, M) =:= {v, K} end, Keys),
    Missing = [maps:find(K, M) || K <- [nokey, {nokey}, <<"nokey">>, -99999.5]],
    Removed = lists:foldl(fun maps:remove/2, M, lists:sublist(Keys, 10)),
    Upd = lists:foldl(fun(K, Acc) -> maps:update(K, up, Acc) end, M, lists:nthtail(10, Keys)),
    io:format("~p ~p ~p ~p ~p ~p~n", [Name, map_size(M) =:= N, Found, Missing, map_size(Removed),
                                      lists:usort(maps:values(maps:without(lists:sublist(Keys, 10), Upd)))]),
    %% the iteration order itself (it is printed by io:format too)
    io:format("~p~n", [maps:keys(M)]),
    io:format("~w~n", [M]).
