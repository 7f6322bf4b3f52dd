%% Two processes spin forever in tight loops; the main process must still
%% get scheduled, exchange messages, time out, and halt the VM.
-module(t_preempt).
-export([main/0, spin/1, spin_alloc/1]).

%% counts forever
spin(N) -> spin(N + 1).

%% allocates forever: keeps building a short list and dropping it
spin_alloc(L) when length(L) > 100 -> spin_alloc([]);
spin_alloc(L) -> spin_alloc([x | L]).

main() ->
    spawn(?MODULE, spin, [0]),
    spawn(fun() -> spin_alloc([]) end),
    erlang:display(spinners_started),
    receive after 100 -> ok end,
    erlang:display(main_woke_up),
    %% ping-pong with a helper while spinners run
    Self = self(),
    Helper = spawn(fun() -> helper(Self, 0) end),
    [Helper ! {n, I} || I <- lists:seq(1, 1000)],
    Helper ! done,
    receive {sum, S} -> erlang:display({helper_sum, S}) end,
    erlang:display(loop(3000000, 0)),
    erlang:display(halting),
    erlang:halt().

helper(Parent, Acc) ->
    receive
        {n, I} -> helper(Parent, Acc + I);
        done -> Parent ! {sum, Acc}
    end.

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, (Acc + N) rem 1000003).
