%% Towers of Hanoi: move lists, counts, and a simulation that checks no
%% larger disc is ever put on a smaller one.
-module(t_hanoi).
-export([main/0]).

main() ->
    erlang:display(moves(3, a, c, b)),
    erlang:display([length(moves(N, a, c, b)) || N <- lists:seq(1, 12)]),
    erlang:display(simulate(10)),
    erlang:display(count(25)),
    ok.

moves(0, _, _, _) -> [];
moves(N, From, To, Via) ->
    moves(N - 1, From, Via, To) ++ [{From, To}] ++ moves(N - 1, Via, To, From).

count(0) -> 0;
count(N) -> 2 * count(N - 1) + 1.

simulate(N) ->
    Start = {lists:seq(1, N), [], []},
    Final = lists:foldl(fun apply_move/2, Start, moves(N, a, c, b)),
    Final.

apply_move({From, To}, Pegs) ->
    [Disc | Rest] = peg(From, Pegs),
    case peg(To, Pegs) of
        [Top | _] when Top < Disc -> erlang:error({illegal, Disc, Top});
        Dest -> set(To, [Disc | Dest], set(From, Rest, Pegs))
    end.

peg(a, {A, _, _}) -> A;
peg(b, {_, B, _}) -> B;
peg(c, {_, _, C}) -> C.

set(a, V, {_, B, C}) -> {V, B, C};
set(b, V, {A, _, C}) -> {A, V, C};
set(c, V, {A, B, _}) -> {A, B, V}.
