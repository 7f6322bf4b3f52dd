%% A call-traced process calls lists:reverse/2 (a BIF that traps to
%% continue its work) with return/exception trace, at every heap fill
%% level: when the heap has (almost) no room left at the trap, the
%% return-trace frame still goes on the stack (a collection makes room),
%% so every call gets its return_from or exception_from event.
-module(t_trace_bif_trap_gc).
-export([main/0]).

-define(N, 3000).

main() ->
    Self = self(),
    Pid = spawn(fun() -> tracee(Self) end),
    erlang:trace(Pid, true, [call]),
    1 = erlang:trace_pattern({lists, reverse, 2},
                             [{'_', [], [{exception_trace}]}], [local]),
    Pid ! go,
    receive {done, Pid, Sum} -> ok end,
    Counts = count(#{}),
    erlang:display({sum, Sum}),
    erlang:display(lists:sort(maps:to_list(Counts))).

count(Acc) ->
    receive
        {trace, _, call, {lists, reverse, _}} ->
            count(bump(call, Acc));
        {trace, _, return_from, {lists, reverse, 2}, R} ->
            true = is_list(R) andalso length(R) =:= ?N,
            count(bump(return_from, Acc));
        {trace, _, exception_from, {lists, reverse, 2}, {error, badarg}} ->
            count(bump(exception_from, Acc));
        Other ->
            count(bump({other, Other}, Acc))
    after 500 ->
        Acc
    end.

bump(K, M) -> maps:update_with(K, fun(V) -> V + 1 end, 1, M).

tracee(Parent) ->
    receive go -> ok end,
    L = seq(1, ?N, []),
    Improper = seq(1, ?N - 1, ?N),
    Sum = fill(0, 300, L, Improper, 0),
    Parent ! {done, self(), Sum}.

%% Each round first allocates K words more than the last (a list of
%% K div 2 cells, live across the calls), so the traps meet every fill
%% level of the heap.
fill(K, Max, _L, _Improper, Acc) when K > Max ->
    Acc;
fill(K, Max, L, Improper, Acc) ->
    Pad = seq(1, K, []),
    R = lists:reverse(L, []),
    E = try lists:reverse(Improper, []) of _ -> 0 catch error:badarg -> 1 end,
    fill(K + 1, Max, L, Improper, Acc + hd(R) + E + length(Pad)).

%% No garbage, no traced calls.
seq(M, N, R) when M =< N -> seq(M, N - 1, [N | R]);
seq(_, _, R) -> R.
