%% Conway's game of life three ways: a tuple-of-tuples board, an
%% `array` board and a sparse set of live cells; all three must agree.
%% Also detects still lifes / oscillators via a history of hashes.
-module(t_app_life).
-export([main/0]).

-define(W, 24).
-define(H, 12).

main() ->
    Glider = [{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}],
    Blinker = [{10, 5}, {11, 5}, {12, 5}],
    Block = [{20, 1}, {21, 1}, {20, 2}, {21, 2}],
    Toad = [{16, 8}, {17, 8}, {18, 8}, {15, 9}, {16, 9}, {17, 9}],
    Cells = lists:usort(Glider ++ Blinker ++ Block ++ Toad),
    T0 = tuple_board(Cells),
    A0 = array_board(Cells),
    S0 = sets:from_list(Cells, [{version, 2}]),
    show(0, T0),
    run(1, 30, T0, A0, S0, #{erlang:phash2(Cells) => 0}),
    %% random soup with rand seeded
    rand:seed(exsss, {1, 2, 3}),
    Soup = [{X, Y} || X <- lists:seq(0, ?W - 1), Y <- lists:seq(0, ?H - 1), rand:uniform(3) =:= 1],
    io:format("soup: ~b live~n", [length(Soup)]),
    {Gen, Kind, Final} = until_stable(sets:from_list(Soup, [{version, 2}]), 0, #{}),
    io:format("soup settles at generation ~b (~p), ~b live~n", [Gen, Kind, sets:size(Final)]),
    show(Gen, tuple_board(sets:to_list(Final))),
    ok.

run(G, Max, _, _, _, _) when G > Max -> ok;
run(G, Max, T, A, S, Seen) ->
    T1 = step_tuple(T),
    A1 = step_array(A),
    S1 = step_sparse(S),
    LT = live_tuple(T1), LA = live_array(A1), LS = lists:sort(sets:to_list(S1)),
    Agree = LT =:= LA andalso LA =:= LS,
    H = erlang:phash2(LS),
    Note = case maps:find(H, Seen) of
               {ok, Prev} -> io_lib:format(" (repeats generation ~b)", [Prev]);
               error -> ""
           end,
    io:format("gen ~2b: ~2b live, agree=~p~s~n", [G, length(LS), Agree, Note]),
    case G rem 10 of 0 -> show(G, T1); _ -> ok end,
    run(G + 1, Max, T1, A1, S1, Seen#{H => G}).

%% ---------------------------------------------------------------- tuple board
tuple_board(Cells) ->
    Set = maps:from_list([{C, true} || C <- Cells]),
    list_to_tuple([list_to_tuple([case maps:is_key({X, Y}, Set) of true -> 1; false -> 0 end
                                  || X <- lists:seq(0, ?W - 1)]) || Y <- lists:seq(0, ?H - 1)]).

tget(B, X, Y) when X >= 0, X < ?W, Y >= 0, Y < ?H -> element(X + 1, element(Y + 1, B));
tget(_, _, _) -> 0.

step_tuple(B) ->
    list_to_tuple([list_to_tuple([rule(tget(B, X, Y), neighbours(fun(I, J) -> tget(B, I, J) end, X, Y))
                                  || X <- lists:seq(0, ?W - 1)]) || Y <- lists:seq(0, ?H - 1)]).

live_tuple(B) -> lists:sort([{X, Y} || Y <- lists:seq(0, ?H - 1), X <- lists:seq(0, ?W - 1), tget(B, X, Y) =:= 1]).

neighbours(Get, X, Y) ->
    lists:sum([Get(X + DX, Y + DY) || DX <- [-1, 0, 1], DY <- [-1, 0, 1], {DX, DY} =/= {0, 0}]).

rule(1, N) when N =:= 2; N =:= 3 -> 1;
rule(0, 3) -> 1;
rule(_, _) -> 0.

%% ---------------------------------------------------------------- array board
array_board(Cells) ->
    lists:foldl(fun({X, Y}, A) -> array:set(Y * ?W + X, 1, A) end,
                array:new(?W * ?H, [{default, 0}, fixed]), Cells).

aget(A, X, Y) when X >= 0, X < ?W, Y >= 0, Y < ?H -> array:get(Y * ?W + X, A);
aget(_, _, _) -> 0.

step_array(A) ->
    array:map(fun(I, V) -> rule(V, neighbours(fun(P, Q) -> aget(A, P, Q) end, I rem ?W, I div ?W)) end, A).

live_array(A) ->
    lists:sort(array:sparse_foldl(fun(I, 1, Acc) -> [{I rem ?W, I div ?W} | Acc]; (_, _, Acc) -> Acc end, [], A)).

%% ---------------------------------------------------------------- sparse
step_sparse(S) ->
    Counts = sets:fold(fun({X, Y}, M) ->
                               lists:foldl(fun(P, M1) -> maps:update_with(P, fun(C) -> C + 1 end, 1, M1) end, M,
                                           [{X + DX, Y + DY} || DX <- [-1, 0, 1], DY <- [-1, 0, 1], {DX, DY} =/= {0, 0},
                                                                X + DX >= 0, X + DX < ?W, Y + DY >= 0, Y + DY < ?H])
                       end, #{}, S),
    sets:from_list([P || {P, N} <- maps:to_list(Counts), N =:= 3 orelse (N =:= 2 andalso sets:is_element(P, S))],
                   [{version, 2}]).

until_stable(S, G, Seen) ->
    Key = lists:sort(sets:to_list(S)),
    case maps:find(Key, Seen) of
        {ok, Prev} when Prev =:= G - 1 -> {G, still, S};
        {ok, Prev} -> {G, {period, G - Prev}, S};
        error when G >= 200 -> {G, unsettled, S};
        error -> until_stable(step_sparse(S), G + 1, Seen#{Key => G})
    end.

show(G, B) ->
    io:format("generation ~b:~n", [G]),
    [io:format("  ~s~n", [[case C of 1 -> $O; 0 -> $. end || C <- tuple_to_list(Row)]]) || Row <- tuple_to_list(B)],
    ok.
