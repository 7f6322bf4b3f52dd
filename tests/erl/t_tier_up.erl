%% Tiered compilation (jit tier.rs): functions called more than the
%% fast tier's threshold (2000 body entries) are recompiled optimised and
%% their entries switched while they run. Each case checks behaviour
%% before and after the switch: local and external calls, funs made
%% before it, continuations and catch tags pushed by the fast code and
%% returned/thrown into after it, stack traces across both tiers, a
%% receive loop that yields, and mutual recursion.
-module(t_tier_up).
-export([main/0, ext/1, classify/1]).

%% A function called through its export and locally.
ext(X) when is_integer(X), X rem 7 =:= 0 -> {seven, X};
ext(X) when is_integer(X) -> X + 1;
ext(X) -> {other, X}.

classify(X) when X < 0 -> neg;
classify(0) -> zero;
classify(X) when X < 100 -> small;
classify(_) -> big.

%% Body recursion deep enough that the switch happens mid-way: the
%% continuations below were pushed by the fast code.
sum_to(0) -> 0;
sum_to(N) -> N + sum_to(N - 1).

%% A catch pushed by the fast code, an exception thrown after the switch.
deep_catch(0) -> throw(bottom);
deep_catch(N) ->
    try deep_catch(N - 1) of
        V -> V
    catch
        throw:bottom when N =:= 3000 -> {caught_at, N};
        throw:bottom -> throw(bottom)
    end.

%% A failure after the switch, with recursive frames from both tiers.
crash(0, X) -> 1 div X;
crash(N, X) -> [crash(N - 1, X)].

even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

loop_recv(Acc) ->
    receive
        {add, N} -> loop_recv(Acc + N);
        {done, From} -> From ! {sum, Acc}
    end.

count(F, N) -> count(F, N, []).
count(_, 0, Acc) -> lists:reverse(Acc);
count(F, N, Acc) -> count(F, N - 1, [F(N) | Acc]).

main() ->
    %% Export and local calls, before and after the switch.
    L1 = [ext(I) || I <- lists:seq(1, 10)],
    L2 = [?MODULE:ext(I) || I <- lists:seq(1, 5000)],
    L3 = [ext(I) || I <- lists:seq(1, 10)],
    erlang:display({ext, L1 =:= L3, lists:sublist(L2, 4990, 11), ext(foo)}),
    %% A fun made before the switch, called after it.
    F = fun classify/1,
    G = fun(X) -> {classify(X), X} end,
    Before = [F(X) || X <- [-5, 0, 5, 500]],
    _ = count(G, 6000),
    After = [F(X) || X <- [-5, 0, 5, 500]],
    erlang:display({funs, Before, After, G(-1), lists:sublist(count(G, 3), 3)}),
    %% Continuations across tiers.
    erlang:display({sum_to, sum_to(10), sum_to(5000), sum_to(10)}),
    %% Catch tags across tiers.
    erlang:display({deep_catch, deep_catch(5000)}),
    %% Stack traces: the same frames whatever tier pushed them.
    T1 = try crash(2500, 0) catch error:R1:S1 -> {R1, S1} end,
    T2 = try crash(3, 0) catch error:R2:S2 -> {R2, S2} end,
    erlang:display({crash, T1}),
    erlang:display({crash, T2}),
    %% Mutual recursion (tail calls through the function table).
    erlang:display({parity, even(10), even(10001), odd(7777), even(2)}),
    %% A receive loop entered once, iterating past the threshold, with
    %% yields in between.
    P = spawn(fun() -> loop_recv(0) end),
    [P ! {add, I} || I <- lists:seq(1, 5000)],
    P ! {done, self()},
    receive {sum, S} -> erlang:display({recv, S}) end,
    %% Exceptions from the hot function itself, after the switch.
    erlang:display({badarg, catch classify(a), catch ext(1.5)}),
    ok.
