%% Example: a ring of N processes passing a token around M times.
%%
%%   erlc ring.erl
%%   girder -noshell -pa . -s ring main -s init stop            (1000 procs, 100 laps)
%%   girder -noshell -pa . -s ring main 500 20 -s init stop     (500 procs, 20 laps)
%%
%% Prints {ring, Procs, Laps, Hops, Microseconds} and a final check.
-module(ring).
-export([main/0, main/1]).

main() -> run(1000, 100).

%% `-s ring main A B` passes the arguments as a list of atoms
main([P]) -> run(to_int(P), 100);
main([P, L | _]) -> run(to_int(P), to_int(L));
main([]) -> main().

to_int(A) when is_atom(A) -> list_to_integer(atom_to_list(A));
to_int(I) when is_integer(I) -> I.

run(Procs, Laps) when Procs >= 1, Laps >= 1 ->
    T0 = erlang:monotonic_time(microsecond),
    First = spawn_ring(Procs - 1, self()),
    Hops = lap(Laps, First, 0),
    First ! stop,
    receive stop -> ok end,
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({ring, Procs, Laps, Hops, T1 - T0}),
    erlang:display({check, Hops =:= Procs * Laps}).

%% the calling process is the last member of the ring
spawn_ring(0, Next) -> Next;
spawn_ring(K, Next) -> spawn_ring(K - 1, spawn(fun() -> member(Next) end)).

member(Next) ->
    receive
        {token, N} -> Next ! {token, N + 1}, member(Next);
        stop -> Next ! stop
    end.

lap(0, _, Hops) -> Hops;
lap(K, First, Hops) ->
    First ! {token, 0},
    receive {token, N} -> lap(K - 1, First, Hops + N + 1) end.
