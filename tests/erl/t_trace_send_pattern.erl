-module(t_trace_send_pattern).
-export([main/0]).
%% Message trace patterns: trace_pattern(send, Spec, []) decides which
%% send events are reported (match specs on [Receiver, Msg], message/1
%% adding an element, {silent, true}), trace_pattern('receive', true |
%% false, []) switches receive events, and trace_info reports both.

norm(T, Names) when is_pid(T) ->
    case lists:keyfind(T, 1, Names) of {_, N} -> N; false -> other_pid end;
norm(T, Names) when is_tuple(T) -> list_to_tuple(norm(tuple_to_list(T), Names));
norm([H | T], Names) -> [norm(H, Names) | norm(T, Names)];
norm(T, _) -> T.

sender() ->
    receive
        {send_please, To, Msg} -> To ! Msg, sender();
        stop -> ok
    end.

idle() -> receive stop -> ok end.

flush(Names) ->
    receive
        M when element(1, M) =:= trace -> erlang:display(norm(M, Names)), flush(Names)
    after 50 -> erlang:display(none)
    end.

try_send(Sender, To, Msg, Names) ->
    Sender ! {send_please, To, Msg},
    receive after 20 -> ok end,
    flush(Names).

main() ->
    Sender = spawn(fun sender/0),
    Receiver = spawn(fun idle/0),
    Names = [{Sender, sender}, {Receiver, receiver}, {self(), main}],
    erlang:display(erlang:trace_info(send, match_spec)),
    erlang:display(erlang:trace_info('receive', match_spec)),
    1 = erlang:trace(Sender, true, [send]),
    [begin
         erlang:display(norm(Pat, Names)),
         erlang:display(erlang:trace_pattern(send, Pat, [])),
         erlang:display(norm(erlang:trace_info(send, match_spec), Names)),
         try_send(Sender, Receiver, to_receiver, Names)
     end
     || Pat <- [true,
                [{[Receiver, to_receiver], [], []}],
                [{['_', '_'], [], []}],
                [{['$1', '_'], [{is_pid, '$1'}], []}],
                [{['_', '$1'], [{is_atom, '$1'}], []}],
                [{['_', '_'], [], [{message, 4711}]}],
                [{['_', '_'], [], [{message, "4711"}]}],
                [{['_', '$1'], [], [{message, {{'$1', {self}}}}]}],
                [{[Sender, to_receiver], [], []}],
                [{[Receiver, nomatch], [], []}],
                [{['$1', '_'], [{is_atom, '$1'}], []}],
                false,
                [{['_', '_'], [], [{message, false}]}],
                [{['_', '_'], [], [{silent, true}]}]]],
    erlang:display(erlang:trace_info(Sender, flags)),
    erlang:display(erlang:trace_pattern(send, true, [])),
    try_send(Sender, Receiver, still_silent, Names),
    1 = erlang:trace(Sender, false, [silent]),
    %% {process_dump}: the sender's process record as a binary.
    erlang:trace_pattern(send, [{['_', '_'], [], [{message, {process_dump}}]}], []),
    Sender ! {send_please, Receiver, dump},
    receive
        {trace, Sender, send, dump, Receiver, D} ->
            erlang:display({dump, is_binary(D), binary:part(D, 0, 6)})
    end,
    {ok, D2, [], []} = erlang:match_spec_test([a], [{'_', [], [{message, {process_dump}}]}],
                                              trace),
    erlang:display({dump, is_binary(D2), binary:part(D2, 0, 6)}),
    %% A registered name and a dead process.
    register(t_trace_send_pattern_rcv, Receiver),
    erlang:trace_pattern(send, [{['$1', '_'], [{is_atom, '$1'}], []}], []),
    try_send(Sender, t_trace_send_pattern_rcv, to_name, Names),
    try_send(Sender, Receiver, to_pid, Names),
    {Dead, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    erlang:trace_pattern(send, [{[Dead, '_'], [], [{message, dead}]}], []),
    try_send(Sender, Dead, to_dead, [{Dead, dead} | Names]),
    erlang:trace_pattern(send, true, []),
    %% Receive patterns: on and off.
    1 = erlang:trace(Receiver, true, ['receive']),
    Receiver ! first,
    receive after 20 -> ok end,
    flush(Names),
    erlang:display(erlang:trace_pattern('receive', false, [])),
    erlang:display(erlang:trace_info('receive', match_spec)),
    Receiver ! second,
    receive after 20 -> ok end,
    flush(Names),
    erlang:display(erlang:trace_pattern('receive', true, [])),
    Receiver ! third,
    receive after 20 -> ok end,
    flush(Names),
    %% A send to a name nobody has is reported, then fails.
    BadSender = spawn(fun() ->
                              receive go -> ok end,
                              erlang:display(catch t_trace_send_pattern_nobody ! hello)
                      end),
    1 = erlang:trace(BadSender, true, [send]),
    BadSender ! go,
    receive after 20 -> ok end,
    flush([{BadSender, bad_sender} | Names]),
    %% Bad arguments.
    [erlang:display(catch erlang:trace_pattern(send, true, F))
     || F <- [[global], [local], [meta], [{meta, self()}], [call_count], [call_time],
              [bogus], bad]],
    erlang:display(catch erlang:trace_pattern(send, restart, [])),
    erlang:display(catch erlang:trace_pattern(send, pause, [])),
    erlang:display(catch erlang:trace_pattern(send, [{['_'], [], [{caller}]}], [])),
    erlang:display(catch erlang:trace_pattern(send, [bad], [])),
    erlang:display(catch erlang:trace_pattern('receive', restart, [])),
    erlang:display(catch erlang:trace_info(send, flags)),
    erlang:display(erlang:trace_info(send, match_spec)),
    Sender ! stop,
    Receiver ! stop,
    ok.
