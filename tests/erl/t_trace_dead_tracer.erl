-module(t_trace_dead_tracer).
%% A process whose tracer died loses its trace flags when it is next
%% scheduled in: no call times are recorded any more, set_on_spawn no
%% longer passes the dead tracer on.
-export([main/0, seq/2]).

seq(N, N) -> [N];
seq(I, N) -> [I | seq(I + 1, N)].

tracer() ->
    spawn(fun L() ->
                  receive
                      quit -> ok;
                      {run, From, F} -> F(), From ! {self(), done}, L();
                      _ -> L()
                  end
          end).

info() ->
    {call_time, L} = erlang:trace_info({?MODULE, seq, 2}, call_time),
    erlang:trace_pattern({?MODULE, seq, 2}, restart, [call_time]),
    [{C, is_pid(P)} || {P, C, _, _} <- L].

main() ->
    Self = self(),
    T = tracer(),
    T ! {run, Self, fun() ->
                            erlang:trace(Self, true, [call, set_on_spawn]),
                            erlang:trace_pattern({?MODULE, seq, 2}, true, [call_time])
                    end},
    receive {T, done} -> ok end,
    [1, 2, 3, 4] = seq(1, 4),
    Ref = erlang:monitor(process, T),
    T ! quit,
    receive {'DOWN', Ref, _, _, _} -> ok end,
    erlang:yield(),
    erlang:display(info()),
    [1, 2, 3] = seq(1, 3),
    erlang:display(info()),
    erlang:display(erlang:trace_info(self(), flags)),
    erlang:display(erlang:trace_info(self(), tracer)),
    C = spawn(fun() -> receive {From, go} -> From ! {self(), erlang:trace_info(self(), flags)} end end),
    C ! {self(), go},
    receive {C, F} -> erlang:display(F) end,
    erlang:trace_pattern({?MODULE, seq, 2}, false, [call_time]),
    ok.
