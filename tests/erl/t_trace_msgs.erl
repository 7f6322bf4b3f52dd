-module(t_trace_msgs).
-export([main/0]).
%% Message tracing (send, 'receive', send_to_non_existing_process) with
%% pids replaced by names so the output does not depend on numbering.

collect(Acc) -> receive stop -> lists:reverse(Acc); M -> collect([M | Acc]) end.
tracer() -> receive {get, P} -> P ! {msgs, collect([])} end.

norm(T, Names) when is_pid(T) ->
    case lists:keyfind(T, 1, Names) of {_, N} -> N; false -> other_pid end;
norm(T, Names) when is_tuple(T) -> list_to_tuple(norm(tuple_to_list(T), Names));
norm([H | T], Names) -> [norm(H, Names) | norm(T, Names)];
norm(T, _) -> T.

echo() -> receive {From, M} -> From ! {echoed, M}, echo(); stop -> ok end.

main() ->
    T = spawn(fun tracer/0),
    E = spawn(fun echo/0),
    Dead = spawn(fun() -> ok end),
    P = spawn(fun() ->
                      receive go -> ok end,
                      E ! {self(), one},
                      receive {echoed, _} -> ok end,
                      E ! {self(), {two, [1, 2.5, <<"bin">>]}},
                      receive {echoed, _} -> ok end,
                      Dead ! lost,
                      self() ! to_self,
                      receive to_self -> ok end,
                      receive after 10 -> ok end
              end),
    timer:sleep(20),
    erlang:display(erlang:trace(P, true, [send, 'receive', {tracer, T}])),
    erlang:display(erlang:trace_info(P, flags)),
    {tracer, T} = erlang:trace_info(P, tracer),
    P ! go,
    timer:sleep(100),
    erlang:display(erlang:trace_info(P, flags)),
    Ref = erlang:trace_delivered(P),
    receive {trace_delivered, P, Ref} -> erlang:display(delivered) end,
    T ! {get, self()},
    T ! stop,
    Names = [{P, tracee}, {E, echo}, {Dead, dead}, {T, tracer}, {self(), main}],
    receive {msgs, L} -> [erlang:display(norm(M, Names)) || M <- L] end,
    %% Bad arguments.
    erlang:display(norm(catch erlang:trace(P, true, [nonsense]), Names)),
    erlang:display(norm(catch erlang:trace(P, maybe, [send]), Names)),
    erlang:display(catch erlang:trace(foo, true, [send])),
    erlang:display(erlang:trace_info(Dead, flags)),
    E ! stop,
    ok.
