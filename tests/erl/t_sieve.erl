%% Prime numbers: list-filter sieve, trial division, and a process-based
%% sieve (one filter process per prime).
-module(t_sieve).
-export([main/0]).

main() ->
    Ps = sieve(lists:seq(2, 2000)),
    erlang:display({length(Ps), lists:sublist(Ps, 15), lists:last(Ps)}),
    erlang:display([N || N <- lists:seq(10000, 10100), is_prime(N)]),
    erlang:display(nth_prime(1000)),
    erlang:display(proc_sieve(300)),
    erlang:display(is_prime((1 bsl 31) - 1)),
    ok.

sieve([]) -> [];
sieve([P | Xs]) -> [P | sieve([X || X <- Xs, X rem P =/= 0])].

is_prime(N) when N < 2 -> false;
is_prime(N) -> trial(N, 2).
trial(N, D) when D * D > N -> true;
trial(N, D) when N rem D =:= 0 -> false;
trial(N, D) -> trial(N, D + 1).

nth_prime(K) -> nth_prime(K, 2).
nth_prime(K, N) ->
    case is_prime(N) of
        true when K =:= 1 -> N;
        true -> nth_prime(K - 1, N + 1);
        false -> nth_prime(K, N + 1)
    end.

%% the classic concurrent prime sieve
proc_sieve(Max) ->
    Self = self(),
    First = spawn(fun() -> filter(Self) end),
    [First ! {n, N} || N <- lists:seq(2, Max)],
    First ! {done, []},
    receive {primes, Acc} -> lists:reverse(Acc) end.

filter(Collector) ->
    receive
        {n, P} -> filter(Collector, P, none);
        {done, Acc} -> Collector ! {primes, Acc}
    end.

filter(Collector, P, Next) ->
    receive
        {n, N} when N rem P =:= 0 -> filter(Collector, P, Next);
        {n, N} ->
            Next1 = case Next of
                        none -> spawn(fun() -> filter(Collector) end);
                        _ -> Next
                    end,
            Next1 ! {n, N},
            filter(Collector, P, Next1);
        {done, Acc} ->
            case Next of
                none -> Collector ! {primes, [P | Acc]};
                _ -> Next ! {done, [P | Acc]}
            end
    end.
