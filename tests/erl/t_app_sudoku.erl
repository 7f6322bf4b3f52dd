%% Sudoku solver: constraint propagation over a map of candidate sets
%% (bitmasks), with depth-first search choosing the most constrained
%% cell; solves several puzzles and validates the results.
-module(t_app_sudoku).
-export([main/0]).

main() ->
    Puzzles = [
        {easy, "003020600900305001001806400008102900700000008006708200002609500800203009005010300"},
        {medium, "000000907000420180000705026100904000050000040000507009920108000034059000507000000"},
        {hard, "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......"},
        {hard2, "..53.....8......2..7..1.5..4....53...1..7...6..32...8..6.5....9..4....3......97.."},
        {invalid, "11" ++ lists:duplicate(79, $.)}
    ],
    lists:foreach(fun solve_and_print/1, Puzzles),
    ok.

solve_and_print({Name, Str}) ->
    io:format("== ~p (~b givens)~n", [Name, length([C || C <- Str, C >= $1, C =< $9])]),
    Grid = parse(Str),
    case solve(Grid) of
        {ok, Sol, Guesses} ->
            print(Sol),
            io:format("valid: ~p, guesses: ~b, digest: ~b~n", [valid(Sol), Guesses, erlang:phash2(Sol)]);
        {fail, Why} ->
            io:format("no solution: ~p~n", [Why])
    end.

parse(Str) ->
    Cells = [{R, C} || R <- lists:seq(0, 8), C <- lists:seq(0, 8)],
    maps:from_list([{P, case Ch of
                            $. -> 0;
                            _ -> Ch - $0
                        end} || {P, Ch} <- lists:zip(Cells, Str)]).

peers({R, C}) ->
    BR = R div 3 * 3, BC = C div 3 * 3,
    lists:usort([{R, X} || X <- lists:seq(0, 8)] ++ [{X, C} || X <- lists:seq(0, 8)] ++
                [{BR + I, BC + J} || I <- [0, 1, 2], J <- [0, 1, 2]]) -- [{R, C}].

bit(D) -> 1 bsl D.
-define(ALL, 2#1111111110).

popcount(0) -> 0;
popcount(N) -> (N band 1) + popcount(N bsr 1).

digits(Mask) -> [D || D <- lists:seq(1, 9), Mask band bit(D) =/= 0].

solve(Grid) ->
    Cands0 = maps:from_list([{P, ?ALL} || P <- maps:keys(Grid)]),
    try
        Cands = maps:fold(fun(_, 0, Acc) -> Acc;
                             (P, D, Acc) -> assign(Acc, P, D)
                          end, Cands0, Grid),
        search(Cands, 0)
    catch
        throw:{contradiction, P} -> {fail, {contradiction_at, P}}
    end.

assign(Cands, P, D) ->
    case maps:get(P, Cands) band bit(D) of
        0 -> throw({contradiction, P});
        _ ->
            Others = digits(maps:get(P, Cands) band bnot bit(D)),
            lists:foldl(fun(O, Acc) -> eliminate(Acc, P, O) end, Cands, Others)
    end.

eliminate(Cands, P, D) ->
    M = maps:get(P, Cands),
    case M band bit(D) of
        0 -> Cands;
        _ ->
            M1 = M band bnot bit(D),
            C1 = Cands#{P := M1},
            case popcount(M1) of
                0 -> throw({contradiction, P});
                1 ->
                    [D1] = digits(M1),
                    lists:foldl(fun(Q, Acc) -> eliminate(Acc, Q, D1) end, C1, peers(P));
                _ -> C1
            end
    end.

search(Cands, Guesses) ->
    Open = [{popcount(M), P} || {P, M} <- maps:to_list(Cands), popcount(M) > 1],
    case Open of
        [] -> {ok, maps:map(fun(_, M) -> hd(digits(M)) end, Cands), Guesses};
        _ ->
            {_, P} = lists:min(Open),
            try_digits(Cands, P, digits(maps:get(P, Cands)), Guesses)
    end.

try_digits(_, P, [], _) -> throw({contradiction, P});
try_digits(Cands, P, [D | Ds], Guesses) ->
    try search(assign(Cands, P, D), Guesses + 1)
    catch throw:{contradiction, _} -> try_digits(Cands, P, Ds, Guesses + 1)
    end.

valid(Sol) ->
    Units = [[{R, C} || C <- lists:seq(0, 8)] || R <- lists:seq(0, 8)] ++
            [[{R, C} || R <- lists:seq(0, 8)] || C <- lists:seq(0, 8)] ++
            [[{BR + I, BC + J} || I <- [0, 1, 2], J <- [0, 1, 2]] || BR <- [0, 3, 6], BC <- [0, 3, 6]],
    lists:all(fun(U) -> lists:sort([maps:get(P, Sol) || P <- U]) =:= lists:seq(1, 9) end, Units).

print(Sol) ->
    lists:foreach(
      fun(R) ->
              Row = [integer_to_list(maps:get({R, C}, Sol)) ++ case C of 2 -> " |"; 5 -> " |"; _ -> "" end
                     || C <- lists:seq(0, 8)],
              io:format(" ~s~n", [lists:join(" ", Row)]),
              case R of 2 -> io:format(" ------+-------+------~n"); 5 -> io:format(" ------+-------+------~n"); _ -> ok end
      end, lists:seq(0, 8)).
