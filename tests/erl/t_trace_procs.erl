-module(t_trace_procs).
-export([main/0, child/1]).
%% `procs` events (spawn, spawned, link, unlink, getting_linked,
%% register, unregister, exit), set_on_spawn and timestamps' shapes.

collect(Acc) -> receive stop -> lists:reverse(Acc); M -> collect([M | Acc]) end.
tracer() -> receive {get, P} -> P ! {msgs, collect([])} end.

norm(T, Names) when is_pid(T) ->
    case lists:keyfind(T, 1, Names) of {_, N} -> N; false -> other_pid end;
norm(T, Names) when is_tuple(T) -> list_to_tuple(norm(tuple_to_list(T), Names));
norm([H | T], Names) -> [norm(H, Names) | norm(T, Names)];
norm(T, _) -> T.

child(Parent) -> receive die -> Parent ! {died, self()}, exit(child_done) end.

main() ->
    T = spawn(fun tracer/0),
    Me = self(),
    Other = spawn(fun() -> receive stop -> ok end end),
    P = spawn(fun() ->
                      receive go -> ok end,
                      C = spawn(?MODULE, child, [Me]),
                      Me ! {child, C},
                      link(Other),
                      unlink(Other),
                      register(t_trace_procs_name, self()),
                      unregister(t_trace_procs_name),
                      receive done -> exit(finished) end
              end),
    timer:sleep(20),
    1 = erlang:trace(P, true, [procs, set_on_spawn, {tracer, T}]),
    1 = erlang:trace(Other, true, [procs, {tracer, T}]),
    P ! go,
    C = receive {child, X} -> X end,
    erlang:display(erlang:trace_info(C, flags)),
    C ! die,
    receive {died, C} -> ok end,
    P ! done,
    timer:sleep(50),
    T ! {get, self()},
    T ! stop,
    Names = [{P, tracee}, {C, child}, {Other, other}, {T, tracer}, {Me, main}],
    receive {msgs, L} -> [erlang:display(norm(M, Names)) || M <- L] end,
    %% Timestamps: shapes only.
    T2 = spawn(fun tracer/0),
    Q = spawn(fun() -> receive go -> ok end, receive after 5 -> exit(x) end end),
    1 = erlang:trace(Q, true, [procs, timestamp, {tracer, T2}]),
    erlang:display(erlang:trace_info(Q, flags)),
    Q ! go,
    timer:sleep(50),
    T2 ! {get, self()}, T2 ! stop,
    receive
        {msgs, [{trace_ts, Q, exit, x, {A, B, C2}}]} when is_integer(A), is_integer(B), is_integer(C2) ->
            erlang:display(now_timestamp_ok)
    end,
    T3 = spawn(fun tracer/0),
    R = spawn(fun() -> receive go -> ok end, exit(y) end),
    1 = erlang:trace(R, true, [procs, monotonic_timestamp, {tracer, T3}]),
    R ! go,
    timer:sleep(50),
    T3 ! {get, self()}, T3 ! stop,
    receive
        {msgs, [{trace_ts, R, exit, y, Ts}]} when is_integer(Ts) -> erlang:display(mono_ok)
    end,
    Other ! stop,
    ok.
