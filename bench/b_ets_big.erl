%% Benchmark: one-million-object set and ordered_set tables: fill,
%% look every key up, count with select_count, delete the table; a fold
%% over the set.
-module(b_ets_big).
-export([main/0, id/1]).

id(X) -> X.

fill(0, _) -> ok;
fill(N, T) -> ets:insert(T, {N, N * 2, [N]}), fill(N - 1, T).

look(0, _, Acc) -> Acc;
look(N, T, Acc) ->
    [{_, V, _}] = ets:lookup(T, N),
    look(N - 1, T, Acc + V).

one(Type, N) ->
    T = ets:new(big, [Type, public]),
    fill(N, T),
    A = look(N, T, 0),
    S = case Type of
            set -> ets:foldl(fun({_, V, _}, Acc) -> Acc + V end, 0, T);
            _ -> ets:select_count(T, [{{'$1', '_', '_'}, [{'>', '$1', 1000}], [true]}])
        end,
    Size = ets:info(T, size),
    ets:delete(T),
    {A, S, Size}.

main() ->
    T0 = erlang:monotonic_time(microsecond),
    R1 = one(set, id(1000000)),
    R2 = one(ordered_set, id(1000000)),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, ets_big, T1 - T0, {R1, R2}}),
    halt().
