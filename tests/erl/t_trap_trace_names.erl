-module(t_trap_trace_names).
-export([main/0]).

%% `running` trace events of a process that yields inside a long BIF name
%% BEAM's trap function (binary_SUITE:error_after_yield's check), and the
%% `out` event of the slice that turned `running` tracing on comes first.
main() ->
    L2B = {erts_internal, list_to_binary_continue, 1},
    Big = lists:seq(1, 1000000),
    Deep = [[lists:duplicate(100, X band 255) || X <- lists:seq(1, 5000)]],
    run(erlang, list_to_binary, [[[X band 255 || X <- Big], oops]], L2B),
    run(erlang, iolist_to_binary, [[Deep, oops]], L2B),
    run(erlang, list_to_binary, [[lists:duplicate(2000, <<"0123456789">>), Big, oops]], L2B),
    ok.

run(M, F, A, Trap) ->
    Tracer = self(),
    {Pid, Mon} = spawn_monitor(
                   fun() ->
                           try
                               erlang:yield(),
                               erlang:trace(self(), true, [running, {tracer, Tracer}]),
                               apply(M, F, A),
                               exit(unexpected_success)
                           catch
                               error:badarg:Stk ->
                                   erlang:trace(self(), false, [running, {tracer, Tracer}]),
                                   [{M, F, A, _} | _] = Stk
                           end
                   end),
    receive {'DOWN', Mon, process, Pid, Reason} -> erlang:display({F, Reason}) end,
    TD = erlang:trace_delivered(Pid),
    receive {trace_delivered, Pid, TD} -> ok end,
    N = count(Pid, Trap, 0),
    erlang:display({F, yields_in_trap, N > 2}).

count(P, Trap, N) ->
    receive
        {trace, P, out, Trap} ->
            receive {trace, P, in, Trap} -> count(P, Trap, N + 1)
            after 0 -> trap_mismatch
            end;
        {trace, P, out, Func} ->
            receive {trace, P, in, Func} -> count(P, Trap, N)
            after 0 -> {other_mismatch, Func}
            end
    after 0 -> N
    end.
