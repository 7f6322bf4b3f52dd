%% 'receive' trace patterns with a match specification: the head is
%% [Node, Sender, Msg] (BEAM's trace_receive), so the VM must know who
%% sent each message: a process (with or without a sequential trace
%% token), a timer (clock_service), a monitor ('DOWN': the monitored
%% process), an exit signal, the receive timeout (clock_service).
-module(t_trace_recv_ms).
-export([main/0]).

main() ->
    Me = self(),
    Node = node(),
    R = spawn(fun() -> receiver(Me) end),
    1 = erlang:trace(R, true, ['receive']),
    Cases =
        [{plain, true},
         {no_match, [{[Node, undefined, "Unexpected"], [], []}]},
         {from_me, [{[Node, Me, '_'], [], []}]},
         {not_me, [{[Node, '$1', '_'], [{'=/=', '$1', Me}], []}]},
         {node_guard, [{['$1', '_', '_'], [{'=:=', '$1', Node}], []}]},
         {sender_as_message, [{['_', '$1', '_'], [], [{message, '$1'}]}]},
         {message_false, [{'_', [], [{message, false}]}]},
         {msg_field, [{['_', '_', {hello, '$1'}], [{is_atom, '$1'}], []}]},
         {self_is_receiver, [{'_', [{'=:=', {self}, R}], []}]},
         {off, false},
         {on, true}],
    [run(Name, Pat, R, fun() -> R ! {hello, world} end) || {Name, Pat} <- Cases],
    %% Other origins.
    ClockPat = [{[clock_service, undefined, '_'], [], [{message, clock}]}],
    run(timer, ClockPat, R, fun() -> erlang:send_after(1, R, tick) end),
    run(timer_not_me, [{[Node, Me, '_'], [], []}], R,
        fun() -> erlang:send_after(1, R, tick) end),
    run(timeout, [{[clock_service, undefined, timeout], [], []}], R,
        fun() -> R ! {set_timeout, 5} end),
    run(down, [{[Node, '$1', {'DOWN', '_', '_', '$1', '_'}], [], []}], R,
        fun() -> R ! down end),
    run(exit_msg, [{['_', '$1', {'EXIT', '$1', '_'}], [], []}], R,
        fun() -> R ! trap_exit end),
    run(seq_token, [{[Node, Me, '_'], [], []}], R,
        fun() ->
                seq_trace:set_token(label, 17),
                R ! {hello, token},
                seq_trace:set_token([])
        end),
    run(from_other, [{[Node, '$1', '_'], [{'=/=', '$1', Me}], [{message, other}]}], R,
        fun() -> spawn(fun() -> R ! {hello, other} end) end),
    %% trace_info and the forms a 'receive' spec may not use.
    Spec = [{[Node, Me, '_'], [], []}],
    1 = erlang:trace_pattern('receive', Spec, []),
    erlang:display({info, erlang:trace_info('receive', match_spec) =:= {match_spec, Spec}}),
    WC = ['_', '_', '_'],
    Bad = [[{WC, [], [{message, {process_dump}}]}],
           [{WC, [{is_seq_trace}], []}],
           [{WC, [], [{set_seq_token, label, 4711}]}],
           [{WC, [], [{get_seq_token}]}],
           [{WC, [], [{enable_trace, call}]}],
           [{WC, [], [{disable_trace, self(), call}]}],
           [{WC, [], [{trace, [call], []}]}],
           [{WC, [], [{caller}]}],
           [{WC, [], [{silent, true}]}],
           [{[a, b], [], []}]],
    erlang:display({refused, [refused(B) || B <- Bad]}),
    erlang:display({send_ok, erlang:trace_pattern(send, [{WC, [], [{silent, true}]}], [])}),
    erlang:trace_pattern(send, true, []),
    1 = erlang:trace_pattern('receive', true, []),
    erlang:display({info_on, erlang:trace_info('receive', match_spec)}),
    ok.

refused(Spec) ->
    case catch erlang:trace_pattern('receive', Spec, []) of
        {'EXIT', {badarg, _}} -> badarg;
        Other -> Other
    end.

run(Name, Pat, R, Trigger) ->
    1 = erlang:trace_pattern('receive', Pat, []),
    Trigger(),
    timer:sleep(30),
    R ! {sync, self()},
    receive synced -> ok end,
    Events = collect(R),
    erlang:display({Name, [shape(E, R) || E <- Events]}).

collect(R) ->
    receive
        {trace, R, 'receive', {sync, _}} -> collect(R);
        {trace, R, 'receive', {sync, _}, _} -> collect(R);
        {trace, R, _, _} = E -> [E | collect(R)];
        {trace, R, _, _, _} = E -> [E | collect(R)]
    after 50 -> []
    end.

shape(T, R) when is_tuple(T) -> list_to_tuple([shape(E, R) || E <- tuple_to_list(T)]);
shape(L, R) when is_list(L) -> [shape(E, R) || E <- L];
shape(R, R) -> receiver;
shape(P, _) when is_pid(P) -> P =:= whereis(tester) orelse pid;
shape(X, _) when is_reference(X) -> ref;
shape(X, _) -> X.

receiver(Parent) ->
    register(tester, Parent),
    receiver_loop(Parent).

receiver_loop(Parent) ->
    receive
        {set_timeout, T} ->
            receive never -> ok after T -> ok end;
        down ->
            {P, Ref} = spawn_monitor(fun() -> ok end),
            receive {'DOWN', Ref, process, P, _} -> ok end;
        trap_exit ->
            process_flag(trap_exit, true),
            P = spawn_link(fun() -> exit(bye) end),
            receive {'EXIT', P, _} -> ok end,
            process_flag(trap_exit, false);
        {sync, From} ->
            From ! synced;
        _ ->
            ok
    end,
    receiver_loop(Parent).
