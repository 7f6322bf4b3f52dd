%% erl_tracer's NIFs called directly (girder has no tracing to call them):
%% enabled/3 decides from the tracer's liveness, trace/5 sends the
%% message erl's default tracer builds.
-module(t_erl_tracer).
-export([main/0]).

p(T) -> io:format("~p~n", [T]).

flush() ->
    receive M -> [M | flush()] after 50 -> [] end.

main() ->
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    Other = spawn(fun() -> receive stop -> ok end end),
    [p({Tag, norm(St, Other), erl_tracer:enabled(Tag, St, Tracee)})
     || Tag <- [trace_status, send, 'receive', call, seq_trace],
        {St, Tracee} <- [{self(), Other}, {self(), self()}, {Dead, Other},
                         {not_a_pid, Other}, {Other, undefined}]],
    Me = self(),
    Msgs = [ok = erl_tracer:trace(Tag, Me, Other, msg, Opts)
            || {Tag, Opts} <- [{send, #{}}, {call, #{extra => x}},
                               {seq_trace, #{}}, {seq_trace, #{extra => e}},
                               {'receive', #{match_spec_result => true}},
                               {spawn, #{scheduler_id => 1, extra => y}},
                               {send, #{match_spec_result => m, scheduler_id => 1}},
                               {exit, not_a_map}]],
    p(length(Msgs)),
    p([norm(M, Other) || M <- flush()]),
    %% Timestamps: only the shapes can be compared.
    ok = erl_tracer:trace(send, Me, Other, msg, #{timestamp => monotonic}),
    ok = erl_tracer:trace(send, Me, Other, msg, #{timestamp => strict_monotonic}),
    ok = erl_tracer:trace(seq_trace, Me, 7, msg, #{timestamp => timestamp}),
    ok = erl_tracer:trace(send, Me, Other, msg, #{timestamp => cpu_timestamp}),
    ok = erl_tracer:trace(send, Me, Other, msg, #{timestamp => bogus}),
    p([shape(norm(M, Other)) || M <- flush()]),
    %% To a dead tracer: nothing, still ok.
    p(erl_tracer:trace(send, Dead, Other, msg, #{})),
    p(erl_tracer:trace(send, not_a_pid, Other, msg, #{})),
    Other ! stop,
    ok.

shape(T) when is_tuple(T) -> list_to_tuple([shape(E) || E <- tuple_to_list(T)]);
shape(I) when is_integer(I) -> int;
shape(X) -> X.

%% Pids print differently on erl and girder: name them.
norm(T, Other) when is_tuple(T) -> list_to_tuple([norm(E, Other) || E <- tuple_to_list(T)]);
norm(Other, Other) -> other;
norm(P, _) when is_pid(P) -> case P =:= self() of true -> me; false -> some_pid end;
norm(X, _) -> X.
