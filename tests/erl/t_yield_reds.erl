-module(t_yield_reds).
-export([main/0]).

%% erlang:yield/0 ends the time slice, but the reductions it gives up are
%% not charged to the process (BEAM's virtual reductions).
main() ->
    {reductions, R1} = process_info(self(), reductions),
    true = erlang:yield(),
    true = erlang:yield(),
    true = apply(erlang, yield, []),
    {reductions, R2} = process_info(self(), reductions),
    erlang:display({few_reductions, R2 - R1 < 30}),
    Parent = self(),
    P = spawn(fun() ->
                      receive go -> ok end,
                      {reductions, A} = process_info(self(), reductions),
                      [erlang:yield() || _ <- lists:seq(1, 10)],
                      {reductions, B} = process_info(self(), reductions),
                      Parent ! {diff, B - A}
              end),
    P ! go,
    receive {diff, D} -> erlang:display({other_few, D < 100}) end,
    {reductions, Other} = process_info(P, reductions) =/= undefined
        orelse {reductions, 0},
    erlang:display(is_integer(Other)),
    ok.
