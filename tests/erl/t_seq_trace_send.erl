-module(t_seq_trace_send).
-export([main/0]).

%% Trace messages of send, receive and print, with each kind of send and
%% timestamp flag; pids are shown by name, timestamps by shape.
main() ->
    seq_trace:reset_trace(),
    Tracer = start_tracer(),
    erlang:display(seq_trace:set_system_tracer(Tracer) =:= false),
    erlang:display(seq_trace:get_system_tracer() =:= Tracer),
    erlang:display(erlang:system_info(sequential_tracer) =:= {sequential_tracer, Tracer}),
    Self = self(),
    Names0 = [{Self, main}, {Tracer, tracer}],
    %% A chain main -> echo -> main, with labels of several kinds.
    Echo = spawn(fun echo/0),
    Names = [{Echo, echo} | Names0],
    lists:foreach(
      fun(Label) ->
              seq_trace:set_token(label, Label),
              seq_trace:set_token(send, true),
              seq_trace:set_token('receive', true),
              seq_trace:set_token(print, true),
              erlang:display(erlang:seq_trace_print(Label, {printing, Label})),
              erlang:display(erlang:seq_trace_print(other_label, not_printed)),
              seq_trace:print(plain),
              Echo ! {Self, hello},
              receive {reply, hello} -> ok end,
              erlang:send(Echo, {Self, via_send2}),
              receive {reply, via_send2} -> ok end,
              register(seq_echo, Echo),
              seq_echo ! {Self, by_name},
              receive {reply, by_name} -> ok end,
              erlang:send(seq_echo, {Self, send3}, [noconnect]),
              receive {reply, send3} -> ok end,
              {seq_echo, node()} ! {Self, tuple_name},
              receive {reply, tuple_name} -> ok end,
              unregister(seq_echo),
              seq_trace:set_token([])
      end,
      [1, {a, "label"}, make_ref_label()]),
    %% Only some flags.
    seq_trace:set_token(label, only_send),
    seq_trace:set_token(send, true),
    Echo ! {Self, only_send},
    receive {reply, only_send} -> ok end,
    seq_trace:set_token([]),
    seq_trace:set_token(label, only_receive),
    seq_trace:set_token('receive', true),
    Echo ! {Self, only_receive},
    receive {reply, only_receive} -> ok end,
    seq_trace:set_token([]),
    %% Serial numbers set by hand.
    seq_trace:set_token(label, manual),
    seq_trace:set_token(send, true),
    seq_trace:set_token(serial, {40, 50}),
    Echo ! {Self, manual},
    receive {reply, manual} -> ok end,
    erlang:display(seq_trace:get_token(serial)),
    seq_trace:set_token([]),
    %% Timestamps: the shape of each kind.
    lists:foreach(
      fun(Ts) ->
              seq_trace:set_token(label, Ts),
              seq_trace:set_token(send, true),
              seq_trace:set_token(Ts, true),
              Echo ! {Self, Ts},
              receive {reply, Ts} -> ok end,
              seq_trace:set_token([])
      end,
      [timestamp, monotonic_timestamp, strict_monotonic_timestamp]),
    %% A message without a token to a process holding one clears it.
    seq_trace:set_token(label, cleared),
    Echo ! {Self, plain_reply},
    receive {reply, plain_reply} -> ok end,
    erlang:display({after_reply, seq_trace:get_token(label)}),
    seq_trace:set_token([]),
    Echo ! {Self, untraced},
    receive {reply, untraced} -> ok end,
    Log = stop_tracer(Tracer),
    [erlang:display(show(M, Names)) || M <- Log],
    erlang:display(seq_trace:set_system_tracer(false) =:= Tracer),
    erlang:display(seq_trace:get_system_tracer()),
    ok.

make_ref_label() -> {ref_label, [x, y], <<"bin">>}.

echo() ->
    receive
        {Pid, plain_reply} ->
            seq_trace:set_token([]),
            Pid ! {reply, plain_reply},
            echo();
        {Pid, Msg} ->
            Pid ! {reply, Msg},
            echo()
    end.

start_tracer() ->
    spawn(fun() -> tracer([]) end).

tracer(Acc) ->
    receive
        {stop, From} -> From ! {log, lists:reverse(Acc)};
        M -> tracer([M | Acc])
    end.

stop_tracer(T) ->
    T ! {stop, self()},
    receive {log, L} -> L end.

show({seq_trace, Label, Info}, Names) ->
    {seq_trace, Label, show_info(Info, Names)};
show({seq_trace, Label, Info, Ts}, Names) ->
    {seq_trace, Label, show_info(Info, Names), ts_shape(Ts)}.

show_info({Kind, Counts, From, To, Msg}, Names) ->
    {Kind, Counts, name(From, Names), name(To, Names), msg(Msg, Names)}.

msg({P, M}, Names) when is_pid(P) -> {name(P, Names), M};
msg(M, _) -> M.

name(P, Names) when is_pid(P) ->
    case lists:keyfind(P, 1, Names) of
        {_, N} -> N;
        false -> other_pid
    end;
name(X, _) -> X.

ts_shape({A, B, C}) when is_integer(A), is_integer(B), is_integer(C) -> now_tuple;
ts_shape({A, B}) when is_integer(A), is_integer(B) -> strict_tuple;
ts_shape(A) when is_integer(A) -> integer.
