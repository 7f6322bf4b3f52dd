%% GC stress with maps: big maps built and rebuilt many times, kept
%% across collections, nested maps, maps in lists and process state.
-module(t_map_gc).
-export([main/0, keeper/1]).

keeper(M) ->
    receive
        {put, K, V} -> keeper(M#{K => V});
        {get, From} -> From ! {state, M}, keeper(M)
    end.

main() ->
    Keep = [maps:from_list([{{R, I}, lists:seq(1, I rem 7)} || I <- lists:seq(1, 200)])
            || R <- lists:seq(1, 20)],
    Churn = lists:foldl(fun(R, Acc) ->
                M = maps:from_list([{I, integer_to_list(I * R)} || I <- lists:seq(1, 300)]),
                M2 = maps:map(fun(_, V) -> V ++ "x" end, M),
                Acc + length(maps:get(R, M2))
            end, 0, lists:seq(1, 200)),
    erlang:display(Churn),
    erlang:display([map_size(M) || M <- Keep]),
    erlang:display(maps:get({7, 100}, lists:nth(7, Keep))),
    Grow = grow(#{}, 20000),
    erlang:display({map_size(Grow), maps:get(19999, Grow), maps:get(1, Grow)}),
    Shrink = lists:foldl(fun(I, M) -> maps:remove(I, M) end, Grow, lists:seq(1, 19990)),
    erlang:display(Shrink),
    Deep = lists:foldl(fun(I, Acc) -> #{I => Acc, {l, I} => lists:seq(1, 10)} end, #{}, lists:seq(1, 500)),
    erlang:display(depth(Deep, 0)),
    P = spawn(?MODULE, keeper, [#{}]),
    [P ! {put, I, {I, [I, I]}} || I <- lists:seq(1, 3000)],
    P ! {get, self()},
    receive
        {state, St} ->
            erlang:display({map_size(St), maps:get(2999, St)}),
            erlang:display(lists:sum(maps:keys(St)))
    end,
    erlang:display(lists:sum([maps:fold(fun(_, V, A) -> A + length(V) end, 0, M) || M <- Keep])),
    ok.

grow(M, 0) -> M;
grow(M, N) -> grow(M#{N => [N]}, N - 1).

depth(M, D) ->
    case maps:find(map_size(M) div 2 + 0, M) of
        _ when map_size(M) =:= 0 -> D;
        _ ->
            [K] = [K || K <- maps:keys(M), is_integer(K)],
            depth(maps:get(K, M), D + 1)
    end.
