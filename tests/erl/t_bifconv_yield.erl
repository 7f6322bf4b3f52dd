-module(t_bifconv_yield).
-export([main/0]).

%% erlang:yield/0 lets runnable processes run before the caller continues;
%% erlang:bump_reductions/1 charges reductions.
main() ->
    Self = self(),
    [spawn(fun() -> Self ! {ran, I} end) || I <- [1, 2, 3]],
    true = erlang:yield(),
    erlang:display({after_yield, drain([])}),
    %% Through apply and a fun too.
    spawn(fun() -> Self ! {ran, 4} end),
    true = apply(erlang, yield, []),
    erlang:display({after_apply_yield, drain([])}),
    Y = fun erlang:yield/0,
    spawn(fun() -> Self ! {ran, 5} end),
    true = Y(),
    erlang:display({after_fun_yield, drain([])}),
    %% bump_reductions charges: ten calls, each using up a time slice.
    {reductions, R0} = process_info(self(), reductions),
    [true = erlang:bump_reductions(100000) || _ <- lists:seq(1, 10)],
    {reductions, R1} = process_info(self(), reductions),
    erlang:display({bumped, R1 - R0 > 10000, R1 - R0 < 100000}),
    erlang:display(catch erlang:bump_reductions(-1)),
    erlang:display(catch erlang:bump_reductions(a)),
    %% A process that bumps is preempted: a spinning peer gets turns.
    Peer = spawn(fun() -> count(0) end),
    [erlang:bump_reductions(4000) || _ <- lists:seq(1, 20)],
    Peer ! {get, self()},
    receive {count, C} -> erlang:display({peer_ran, C > 0}) end,
    ok.

drain(Acc) ->
    receive {ran, I} -> drain([I | Acc]) after 0 -> lists:sort(Acc) end.

count(N) ->
    receive {get, P} -> P ! {count, N} after 0 -> count(N + 1) end.
