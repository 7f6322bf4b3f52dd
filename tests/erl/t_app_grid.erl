%% Shortest paths on a generated grid maze: Dijkstra with gb_sets as the
%% priority queue, A* with a Manhattan heuristic, BFS for comparison, and
%% an ASCII rendering of the path.
-module(t_app_grid).
-export([main/0]).

-define(W, 30).
-define(H, 14).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    Grid = make_grid(),
    Start = {0, 0},
    Goal = {?W - 1, ?H - 1},
    io:format("walls: ~b of ~b cells~n", [maps:size(maps:filter(fun(_, V) -> V =:= wall end, Grid)), ?W * ?H]),
    {DCost, DPath, DExp} = dijkstra(Grid, Start, Goal),
    io:format("dijkstra: cost ~p, path length ~b, expanded ~b~n", [DCost, length(DPath), DExp]),
    {ACost, APath, AExp} = astar(Grid, Start, Goal),
    io:format("a*:       cost ~p, path length ~b, expanded ~b~n", [ACost, length(APath), AExp]),
    io:format("same cost: ~p, a* expanded fewer or equal: ~p~n", [DCost =:= ACost, AExp =< DExp]),
    BfsLen = bfs(Grid, Start, Goal),
    io:format("bfs steps: ~p~n", [BfsLen]),
    render(Grid, APath),
    %% all-distances from start (flood) summary
    Dist = flood(Grid, Start),
    Far = lists:max([D || {_, D} <- maps:to_list(Dist)]),
    Farthest = lists:sort([P || {P, D} <- maps:to_list(Dist), D =:= Far]),
    io:format("reachable ~b, farthest cost ~p at ~p~n", [maps:size(Dist), Far, Farthest]),
    Hist = lists:foldl(fun({_, D}, M) -> maps:update_with(D div 10, fun(X) -> X + 1 end, 1, M) end,
                       #{}, maps:to_list(Dist)),
    [io:format("  cost ~3b-~3b: ~s~n", [B * 10, B * 10 + 9, lists:duplicate(N div 2, $#)])
     || {B, N} <- lists:sort(maps:to_list(Hist))],
    Unreach = dijkstra(Grid#{{1, 0} => wall, {0, 1} => wall}, Start, Goal),
    io:format("blocked: ~p~n", [Unreach]),
    ok.

make_grid() ->
    maps:from_list([{{X, Y}, cell(X, Y)} || X <- lists:seq(0, ?W - 1), Y <- lists:seq(0, ?H - 1)]).

cell(0, 0) -> {cost, 1};
cell(X, Y) when X =:= ?W - 1, Y =:= ?H - 1 -> {cost, 1};
cell(_, _) ->
    case rand:uniform(100) of
        N when N =< 22 -> wall;
        N when N =< 35 -> {cost, 5};
        _ -> {cost, 1}
    end.

neighbours(Grid, {X, Y}) ->
    [{P, C} || P <- [{X + 1, Y}, {X - 1, Y}, {X, Y + 1}, {X, Y - 1}],
               {cost, C} <- [maps:get(P, Grid, wall)]].

dijkstra(Grid, Start, Goal) ->
    search(Grid, Goal, gb_sets:singleton({0, Start}), #{Start => 0}, #{}, 0, fun(_) -> 0 end).

astar(Grid, Start, Goal = {GX, GY}) ->
    H = fun({X, Y}) -> abs(X - GX) + abs(Y - GY) end,
    search(Grid, Goal, gb_sets:singleton({H(Start), Start}), #{Start => 0}, #{}, 0, H).

search(Grid, Goal, Open, G, Prev, Exp, H) ->
    case gb_sets:is_empty(Open) of
        true -> {unreachable, Exp};
        false ->
            {{_, Node}, Open1} = gb_sets:take_smallest(Open),
            case Node of
                Goal -> {maps:get(Goal, G), path(Prev, Goal, []), Exp + 1};
                _ ->
                    GN = maps:get(Node, G),
                    {Open2, G2, Prev2} =
                        lists:foldl(fun({N, C}, {O, Gs, Ps}) ->
                                            New = GN + C,
                                            case maps:find(N, Gs) of
                                                {ok, Old} when Old =< New -> {O, Gs, Ps};
                                                _ -> {gb_sets:add({New + H(N), N}, O), Gs#{N => New}, Ps#{N => Node}}
                                            end
                                    end, {Open1, G, Prev}, neighbours(Grid, Node)),
                    search(Grid, Goal, Open2, G2, Prev2, Exp + 1, H)
            end
    end.

path(Prev, N, Acc) ->
    case maps:find(N, Prev) of
        {ok, P} -> path(Prev, P, [N | Acc]);
        error -> [N | Acc]
    end.

bfs(Grid, Start, Goal) -> bfs(Grid, queue:from_list([{Start, 0}]), Goal, #{Start => true}).
bfs(Grid, Q, Goal, Seen) ->
    case queue:out(Q) of
        {empty, _} -> none;
        {{value, {Goal, D}}, _} -> D;
        {{value, {P, D}}, Q1} ->
            Next = [N || {N, _} <- neighbours(Grid, P), not maps:is_key(N, Seen)],
            Seen1 = lists:foldl(fun(N, S) -> S#{N => true} end, Seen, Next),
            bfs(Grid, lists:foldl(fun(N, QQ) -> queue:in({N, D + 1}, QQ) end, Q1, Next), Goal, Seen1)
    end.

flood(Grid, Start) -> flood(Grid, gb_sets:singleton({0, Start}), #{Start => 0}).
flood(Grid, Open, Dist) ->
    case gb_sets:is_empty(Open) of
        true -> Dist;
        false ->
            {{D, P}, Open1} = gb_sets:take_smallest(Open),
            {O2, D2} = lists:foldl(fun({N, C}, {O, Ds}) ->
                                           case maps:get(N, Ds, infinity) of
                                               Old when is_integer(Old), Old =< D + C -> {O, Ds};
                                               _ -> {gb_sets:add({D + C, N}, O), Ds#{N => D + C}}
                                           end
                                   end, {Open1, Dist}, neighbours(Grid, P)),
            flood(Grid, O2, D2)
    end.

render(Grid, Path) ->
    OnPath = sets:from_list(Path),
    lists:foreach(fun(Y) ->
                          Row = [case {sets:is_element({X, Y}, OnPath), maps:get({X, Y}, Grid)} of
                                     {true, _} -> $*;
                                     {false, wall} -> $#;
                                     {false, {cost, 5}} -> $~;
                                     {false, _} -> $.
                                 end || X <- lists:seq(0, ?W - 1)],
                          io:format("|~s|~n", [Row])
                  end, lists:seq(0, ?H - 1)).
