-module(t_trace_running).
-export([main/0]).
%% `running` events of a process that waits in receive between messages:
%% `out` when it waits, `in` when a message wakes it, in the function
%% holding the receive.

collect(Acc) -> receive stop -> lists:reverse(Acc); M -> collect([M | Acc]) end.
tracer() -> receive {get, P} -> P ! {msgs, collect([])} end.

norm(T, Names) when is_pid(T) ->
    case lists:keyfind(T, 1, Names) of {_, N} -> N; false -> other_pid end;
norm(T, Names) when is_tuple(T) -> list_to_tuple(norm(tuple_to_list(T), Names));
norm([H | T], Names) -> [norm(H, Names) | norm(T, Names)];
norm(T, _) -> T.

loop(0) -> receive last -> ok end;
loop(N) -> receive _ -> loop(N - 1) end.

main() ->
    T = spawn(fun tracer/0),
    P = spawn(fun() -> loop(3) end),
    timer:sleep(20),
    1 = erlang:trace(P, true, [running, {tracer, T}]),
    [begin P ! M, timer:sleep(20) end || M <- [a, b, c]],
    erlang:trace(P, false, [running]),
    P ! last,
    timer:sleep(20),
    T ! {get, self()}, T ! stop,
    %% From the first `out` on: the first `in` of a process that already
    %% waited when tracing began names the function it waits in on erl,
    %% but its initial call on girder (which learns the function when the
    %% process leaves native code).
    receive
        {msgs, L} ->
            L2 = lists:dropwhile(fun(M) -> element(3, M) =/= out end, L),
            [erlang:display(norm(M, [{P, tracee}])) || M <- L2]
    end,
    ok.
