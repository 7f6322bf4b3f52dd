-module(t_trace_call_count).
-export([main/0, seq/3, seq_r/3, seq_r/4, big/2]).

seq(Stop, Stop, Succ) when is_function(Succ) -> [Stop];
seq(Start, Stop, Succ) when is_function(Succ) -> [Start | seq(Succ(Start), Stop, Succ)].

seq_r(Start, Stop, Succ) -> seq_r(Start, Stop, Succ, []).
seq_r(Stop, Stop, _, R) -> [Stop | R];
seq_r(Start, Stop, Succ, R) -> seq_r(Succ(Start), Stop, Succ, [Start | R]).

%% Builds garbage so that return-trace frames are pushed near a full heap.
big(0, Acc) -> length(Acc);
big(N, Acc) -> big(N - 1, [{N, lists:seq(1, 20)} | Acc]).

info(F) -> erlang:trace_info(F, call_count).

relay(Dest, N) ->
    receive M -> Dest ! {self(), M}, relay(Dest, N + 1) after 300 -> Dest ! {self(), {count, N}} end.

main() ->
    M = 1000,
    Succ = fun(X) -> X + 1 end,
    erlang:display(is_integer(erlang:trace_pattern({'_','_','_'}, false, [call_count]))),
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, true, [call_count])),
    erlang:display(erlang:trace_pattern({?MODULE, seq_r, '_'}, true, [call_count])),
    L = seq(1, M, Succ),
    erlang:display({info({?MODULE, seq, 3}), info({?MODULE, seq_r, 3})}),
    Lr = seq_r(1, M, Succ),
    erlang:display({info({?MODULE, seq_r, 3}), info({?MODULE, seq_r, 4})}),
    erlang:display(L =:= lists:reverse(Lr)),
    %% other processes count too
    Self = self(),
    [spawn(fun() -> seq(1, 10, Succ), Self ! done end) || _ <- [1, 2, 3]],
    [receive done -> ok end || _ <- [1, 2, 3]],
    erlang:display(info({?MODULE, seq, 3})),
    %% pause, restart, true resets
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, pause, [call_count])),
    seq(1, 5, Succ),
    erlang:display(info({?MODULE, seq, 3})),
    {all, All} = erlang:trace_info({?MODULE, seq, 3}, all),
    erlang:display(All),
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, restart, [call_count])),
    erlang:display(info({?MODULE, seq, 3})),
    seq(1, 5, Succ),
    erlang:display(info({?MODULE, seq, 3})),
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, true, [call_count])),
    erlang:display(info({?MODULE, seq, 3})),
    %% restart and pause create no counter where there is no breakpoint
    erlang:display(erlang:trace_pattern({?MODULE, big, '_'}, restart, [call_count])),
    erlang:display(info({?MODULE, big, 2})),
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, false, [call_count])),
    erlang:display({info({?MODULE, seq, 3}), erlang:trace_info({?MODULE, seq, 3}, all)}),
    erlang:display(catch erlang:trace_pattern({?MODULE, seq, '_'}, [{'_', [], []}], [call_count])),
    erlang:display(catch erlang:trace_pattern({?MODULE, seq, '_'}, true, [global, call_count])),
    %% combined with local call trace (return_to) and meta trace
    erlang:trace_pattern({?MODULE, '_', '_'}, false, [call_count]),
    Local = spawn(fun() -> relay(Self, 0) end),
    Meta = spawn(fun() -> relay(Self, 0) end),
    MS = [{'_', [], [{return_trace}]}],
    erlang:display(erlang:trace_pattern({?MODULE, seq_r, '_'}, [], [local])),
    erlang:display(erlang:trace_pattern({?MODULE, seq_r, '_'}, MS, [{meta, Meta}, call_count])),
    erlang:display(erlang:trace_pattern({?MODULE, big, '_'}, MS, [local, {meta, Meta}, call_count])),
    1 = erlang:trace(self(), true, [{tracer, Local}, call, return_to]),
    [3, 2, 1] = seq_r(1, 3, Succ),
    300 = big(300, []),
    erlang:trace(self(), false, [all]),
    erlang:display({info({?MODULE, seq_r, 3}), info({?MODULE, seq_r, 4}), info({?MODULE, big, 2})}),
    erlang:display(collect(Local)),
    erlang:display(collect(Meta)),
    erlang:trace_pattern({'_', '_', '_'}, false, [local, meta, call_count]),
    ok.

collect(P) ->
    receive
        {P, {count, N}} -> [{count, N}];
        {P, {trace, _, Tag, MFA}} -> [{Tag, short(MFA)} | collect(P)];
        {P, {trace, _, Tag, MFA, V}} -> [{Tag, short(MFA), short(V)} | collect(P)];
        {P, {trace_ts, _, Tag, MFA, _}} -> [{Tag, short(MFA)} | collect(P)];
        {P, {trace_ts, _, Tag, MFA, V, _}} -> [{Tag, short(MFA), short(V)} | collect(P)]
    end.

short({M, F, A}) when is_list(A) -> {M, F, length(A)};
short(X) when is_integer(X); is_atom(X) -> X;
short({M, F, A}) -> {M, F, A};
short(L) when is_list(L) -> {list, length(L)};
short(_) -> other.
