%% Benchmark: spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1)
%% (float division and accumulation over tuples of floats).
-module(b_spectral).
-export([main/0, id/1]).

id(X) -> X.

a(I, J) -> 1.0 / ((I + J) * (I + J + 1) div 2 + I + 1).

%% (A * U)_i for vector U (a tuple), and (A^T * U)_i.
av_i(I, U, N) -> av_i(I, U, N, 0, 0.0).
av_i(_, _, N, J, S) when J =:= N -> S;
av_i(I, U, N, J, S) -> av_i(I, U, N, J + 1, S + a(I, J) * element(J + 1, U)).

atv_i(I, U, N) -> atv_i(I, U, N, 0, 0.0).
atv_i(_, _, N, J, S) when J =:= N -> S;
atv_i(I, U, N, J, S) -> atv_i(I, U, N, J + 1, S + a(J, I) * element(J + 1, U)).

av(U, N) -> list_to_tuple([av_i(I, U, N) || I <- lists:seq(0, N - 1)]).
atv(U, N) -> list_to_tuple([atv_i(I, U, N) || I <- lists:seq(0, N - 1)]).
atav(U, N) -> atv(av(U, N), N).

power(U, V, _N, 0) -> {U, V};
power(U, _V, N, K) ->
    V = atav(U, N),
    power(atav(V, N), V, N, K - 1).

dot(U, V) -> dot(U, V, tuple_size(U), 0.0).
dot(_, _, 0, S) -> S;
dot(U, V, I, S) -> dot(U, V, I - 1, S + element(I, U) * element(I, V)).

main() ->
    N = id(1250),
    T0 = erlang:monotonic_time(microsecond),
    U0 = list_to_tuple(lists:duplicate(N, 1.0)),
    {U, V} = power(U0, U0, N, 10),
    R = math:sqrt(dot(U, V) / dot(V, V)),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, spectral, T1 - T0, round(R * 1.0e9)}),
    halt().
