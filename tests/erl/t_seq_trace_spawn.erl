-module(t_seq_trace_spawn).
-export([main/0, child/1]).

%% The token on exit signals and spawns, through aliases, and what
%% reset_trace clears.
main() ->
    seq_trace:reset_trace(),
    Self = self(),
    Tracer = spawn(fun() -> tracer([]) end),
    seq_trace:set_system_tracer(Tracer),
    %% A linked process dying with a token: the trapped 'EXIT' carries it.
    process_flag(trap_exit, true),
    R = spawn_link(fun() -> receive M -> exit({exit, M}) end end),
    seq_trace:set_token(label, exit_label),
    seq_trace:set_token(send, true),
    seq_trace:set_token('receive', true),
    R ! {before, exit},
    receive {'EXIT', R, {exit, {before, exit}}} -> ok end,
    erlang:display({after_exit, seq_trace:get_token(label), seq_trace:get_token(serial)}),
    %% exit/2 from a process without a token: the 'EXIT' clears ours.
    R2 = spawn(fun() -> receive go -> exit(Self, from_r2) end end),
    R2 ! go,
    receive {'EXIT', R2, from_r2} -> ok end,
    erlang:display({after_exit2, seq_trace:get_token()}),
    %% A normal exit of a linked process without token, not trapped.
    process_flag(trap_exit, false),
    %% Spawns inherit the token.
    seq_trace:set_token(label, spawn_label),
    seq_trace:set_token(send, true),
    Children = [spawn(?MODULE, child, [Self]),
                spawn(fun() -> child(Self) end),
                spawn_link(?MODULE, child, [Self]),
                spawn_opt(?MODULE, child, [Self], []),
                element(1, spawn_monitor(?MODULE, child, [Self]))],
    erlang:display({parent_serial, seq_trace:get_token(serial)}),
    [receive {child_token, C, T} -> erlang:display(show(T, C, Self)) end || C <- Children],
    %% spawn_request: the reply message carries the child's token.
    Tag = make_ref(),
    ReqId = spawn_request(?MODULE, child, [Self], [{reply_tag, Tag}]),
    C6 = receive {Tag, ReqId, ok, Pid6} -> Pid6 end,
    erlang:display({after_reply, seq_trace:get_token(serial)}),
    receive {child_token, C6, T6} -> erlang:display(show(T6, C6, Self)) end,
    seq_trace:set_token([]),
    %% An alias send carries the token.
    seq_trace:set_token(label, alias_label),
    seq_trace:set_token(send, true),
    seq_trace:set_token('receive', true),
    A = alias(),
    P = spawn(fun() -> receive {To, M} -> To ! M end end),
    P ! {A, via_alias},
    receive via_alias -> ok end,
    unalias(A),
    erlang:display({after_alias, seq_trace:get_token(serial)}),
    %% reset_trace clears tokens, counters and queued messages' tokens.
    self() ! queued,
    seq_trace:reset_trace(),
    erlang:display({reset, seq_trace:get_token()}),
    seq_trace:set_token(label, again),
    receive queued -> ok end,
    erlang:display({queued_cleared, seq_trace:get_token()}),
    seq_trace:set_token(label, again),
    erlang:display({counters_after_reset, seq_trace:get_token(serial)}),
    seq_trace:set_token([]),
    Tracer ! {stop, self()},
    Log = receive {log, L} -> L end,
    Names = [{Self, main}, {R, r}, {P, p} | lists:zip([C6 | Children], [c6, c1, c2, c3, c4, c5])],
    [erlang:display(show_trace(M, Names)) || M <- Log],
    ok.

child(Parent) ->
    Parent ! {child_token, self(), seq_trace:get_token()}.

show({F, L, S, From, Last}, C, _) when From =:= C -> {F, L, S, child, Last};
show(T, _, _) -> T.

tracer(Acc) ->
    receive
        {stop, From} -> From ! {log, lists:reverse(Acc)};
        M -> tracer([M | Acc])
    end.

show_trace({seq_trace, Label, {Kind, Counts, From, To, Msg}}, Names) ->
    {Label, Kind, Counts, name(From, Names), name(To, Names), msg(Msg, Names)}.

msg({'EXIT', P, R}, Names) -> {'EXIT', name(P, Names), R};
msg({child_token, P, _}, Names) -> {child_token, name(P, Names)};
msg({spawn_request, Ref, P, _GL, MFA, Opts, Tag, Args}, Names) when is_reference(Ref) ->
    {spawn_request, name(P, Names), MFA, [O || O <- Opts, is_atom(O)],
     is_reference(Tag) orelse Tag, length(Args)};
msg({spawn_reply, Ref, ok, P}, Names) when is_reference(Ref) ->
    {spawn_reply, ok, name(P, Names)};
msg({Tag, Ref, ok, P}, Names) when is_reference(Tag), is_reference(Ref) ->
    {tagged_reply, ok, name(P, Names)};
msg({A, M}, _) when is_reference(A) -> {alias, M};
msg(M, _) -> M.

name(P, Names) when is_pid(P) ->
    case lists:keyfind(P, 1, Names) of
        {_, N} -> N;
        false -> other_pid
    end;
name(R, _) when is_reference(R) -> a_ref;
name(X, _) -> X.
