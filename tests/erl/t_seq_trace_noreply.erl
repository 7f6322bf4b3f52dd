-module(t_seq_trace_noreply).
-export([main/0, child/1]).

%% spawn_request with {reply, error_only}: the child's serial still moves
%% on; no reply is traced.
main() ->
    seq_trace:reset_trace(),
    Self = self(),
    Tracer = spawn(fun() -> tracer([]) end),
    seq_trace:set_system_tracer(Tracer),
    seq_trace:set_token(label, noreply),
    seq_trace:set_token(send, true),
    seq_trace:set_token('receive', true),
    _ = spawn_request(?MODULE, child, [Self], [{reply, error_only}]),
    {C, T} = receive {child_token, C0, T0} -> {C0, T0} end,
    {F, noreply, S, C, L} = T,
    erlang:display({F, S, L}),
    erlang:display(seq_trace:get_token(serial)),
    seq_trace:set_token([]),
    Tracer ! {stop, self()},
    receive {log, Log} -> [erlang:display(element(1, element(3, M))) || M <- Log] end,
    ok.

child(Parent) ->
    Parent ! {child_token, self(), seq_trace:get_token()}.

tracer(Acc) ->
    receive
        {stop, From} -> From ! {log, lists:reverse(Acc)};
        M -> tracer([M | Acc])
    end.
