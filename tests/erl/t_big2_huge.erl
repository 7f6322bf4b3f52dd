%% Huge bignums (tens of thousands of limbs): products through the
%% subquadratic path, division by words and by big divisors, shifts,
%% bit operations, conversion, and the heap/GC behaviour of loops whose
%% only allocations are bignum results.
-module(t_big2_huge).
-export([main/0, id/1]).

id(X) -> X.

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

fact(N) -> fact(N, 1).
fact(0, A) -> A;
fact(N, A) -> fact(N - 1, A * N).

%% product of a range by splitting (big * big)
prod(L, H) when L >= H -> L;
prod(L, H) -> M = (L + H) div 2, prod(L, M) * prod(M + 1, H).

sum(0, A) -> A;
sum(N, A) -> sum(N div 1000000000000000000, A + N rem 1000000000000000000).

main() ->
    F = fact(id(10000)),
    erlang:display(prod(1, id(10000)) =:= F),
    erlang:display({F rem 1000000007, F rem ((1 bsl 64) - 59), sum(F, 0)}),
    Fb = fib(id(150000)),
    erlang:display({Fb rem 1000000007, length(integer_to_list(Fb))}),
    Sq = Fb * Fb,
    erlang:display({Sq rem 1000000007, Sq div Fb =:= Fb, Sq rem Fb}),
    D = Sq div F,
    erlang:display({D rem 1000000007, Sq - D * F < F, (-Sq) div F =:= -D}),
    P = id(1) bsl 200000,
    erlang:display({(P - 1) band F =:= F, (P bor F) - P =:= F, (P bxor F) bxor F =:= P,
                    (-P) band F, (-F) bsr 100000, (F bsl 100000) bsr 100000 =:= F}),
    erlang:display({bnot F =:= -F - 1, abs(-Fb) =:= Fb, -(-Fb) =:= Fb}),
    S = integer_to_list(Fb * 3),
    erlang:display({length(S), lists:sublist(S, 20), lists:nthtail(length(S) - 20, S)}),
    erlang:display(list_to_integer(S) =:= Fb * 3),
    ok.
