-module(t_map_info).
-export([main/0]).

%% erts_debug:map_info/1: BEAM's node statistics of a trie map (the trie
%% has BEAM's shape, so the counts are erl's), and its errors.
main() ->
    [info(N, K) || N <- [33, 100, 1000, 5000],
                   K <- [fun(I) -> I end, fun(I) -> float(I) end,
                         fun(I) -> integer_to_list(I) end,
                         fun(I) -> <<I:16/big>> end, fun(I) -> {I, [I]} end]],
    %% Built one key at a time, as map_SUITE's t_hashmap_balance does.
    M = lists:foldl(fun(I, Acc) -> Acc#{I * 7919 => I} end, #{}, lists:seq(1, 300)),
    erlang:display(erts_debug:map_info(M)),
    erlang:display(erts_debug:map_info(maps:remove(7919, M))),
    erlang:display(catch erts_debug:map_info(#{a => 1})),
    erlang:display(catch erts_debug:map_info(#{})),
    erlang:display(catch erts_debug:map_info(foo)),
    erlang:display(catch erts_debug:map_info([])),
    ok.

info(N, K) ->
    M = maps:from_list([{K(I), I} || I <- lists:seq(1, N)]),
    erlang:display({N, erts_debug:map_info(M)}).
