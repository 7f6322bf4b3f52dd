%% Allocation-heavy code that forces many garbage collections while live
%% data must survive intact: growing lists of tuples, bignums, and
%% long-lived structures referenced from the stack.
-module(t_gc_stress).
-export([main/0]).

main() ->
    Live = [{I, [I, I + 1], {I * I}} || I <- lists:seq(1, 200000)],
    Garbage = churn(300, 0),
    erlang:display({churn, Garbage}),
    erlang:display({live_ok, check(Live, 1)}),
    Bigs = [1 bsl (I rem 300) + I || I <- lists:seq(1, 20000)],
    _ = churn(100, 0),
    erlang:display({bignum_sum, lists:sum(Bigs) rem 1000000007}),
    Tree = build(16),
    _ = churn(100, 0),
    erlang:display({tree_leaves, leaves(Tree)}),
    erlang:display({append_chain, length(append_chain(2000, []))}),
    erlang:display({procs, spawn_garbage(50)}),
    ok.

churn(0, Acc) -> Acc;
churn(N, Acc) ->
    L = [{x, N, I} || I <- lists:seq(1, 1000)],
    churn(N - 1, Acc + length(L)).

check([], _) -> true;
check([{I, [I, J], {Sq}} | T], I) when J =:= I + 1, Sq =:= I * I -> check(T, I + 1);
check([Bad | _], I) -> {bad, I, Bad}.

build(0) -> leaf;
build(N) -> {build(N - 1), N, build(N - 1)}.

leaves(leaf) -> 1;
leaves({L, _, R}) -> leaves(L) + leaves(R).

append_chain(0, Acc) -> Acc;
append_chain(N, Acc) -> append_chain(N - 1, Acc ++ [N]).

spawn_garbage(N) ->
    Self = self(),
    [spawn(fun() -> Self ! {sum, lists:sum([length(lists:seq(1, K)) || K <- lists:seq(1, 300)])} end)
     || _ <- lists:seq(1, N)],
    lists:sum([receive {sum, S} -> S end || _ <- lists:seq(1, N)]).
