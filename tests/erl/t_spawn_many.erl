%% Spawn 10,000 processes; each computes something from its argument and
%% replies; the parent collects all replies (in any order) and checks them.
-module(t_spawn_many).
-export([main/0, child/2]).

main() ->
    N = 10000,
    Self = self(),
    [spawn(fun() -> Self ! {done, I, I * I} end) || I <- lists:seq(1, N)],
    {Count, Sum} = collect(N, 0, 0),
    erlang:display({fun_children, Count, Sum}),
    %% spawn/3 variant with explicit arguments
    [spawn(?MODULE, child, [Self, I]) || I <- lists:seq(1, N)],
    {Count2, Sum2} = collect(N, 0, 0),
    erlang:display({mfa_children, Count2, Sum2}),
    %% results in order by waiting on each index explicitly
    Pids = [spawn(fun() -> receive {go, From} -> From ! {ordered, I, -I} end end)
            || I <- lists:seq(1, 100)],
    [P ! {go, Self} || P <- Pids],
    Ordered = [receive {ordered, I, V} -> V end || I <- lists:seq(1, 100)],
    erlang:display({ordered, lists:sum(Ordered), hd(Ordered), lists:last(Ordered)}),
    ok.

child(Parent, I) -> Parent ! {done, I, I * 2}.

collect(0, C, S) -> {C, S};
collect(N, C, S) ->
    receive {done, _I, V} -> collect(N - 1, C + 1, S + V) end.
