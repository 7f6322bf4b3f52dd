%% N-queens: count all solutions for N = 1..8 and show the first for N = 8.
-module(t_nqueens).
-export([main/0]).

main() ->
    erlang:display([{N, length(queens(N))} || N <- lists:seq(1, 8)]),
    erlang:display(hd(queens(8))),
    erlang:display(count(9)),
    ok.

queens(N) -> place(N, N, []).

place(_, 0, Qs) -> [Qs];
place(N, K, Qs) ->
    lists:append([place(N, K - 1, [C | Qs]) || C <- lists:seq(1, N), safe(C, Qs, 1)]).

safe(_, [], _) -> true;
safe(C, [Q | Qs], D) ->
    C =/= Q andalso abs(C - Q) =/= D andalso safe(C, Qs, D + 1).

%% counting version without building the solution list
count(N) -> count(N, N, []).
count(_, 0, _) -> 1;
count(N, K, Qs) -> count_cols(N, K, Qs, 1, 0).

count_cols(N, _, _, C, Acc) when C > N -> Acc;
count_cols(N, K, Qs, C, Acc) ->
    Acc1 = case safe(C, Qs, 1) of
               true -> Acc + count(N, K - 1, [C | Qs]);
               false -> Acc
           end,
    count_cols(N, K, Qs, C + 1, Acc1).
