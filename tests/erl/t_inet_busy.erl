-module(t_inet_busy).
-export([main/0]).

%% Flow control of TCP sends: a peer that does not read makes the sender's
%% queue pass the high watermark; then gen_tcp:send waits, send_timeout
%% answers {error, timeout} (send_timeout_close closes the socket),
%% port_command with nosuspend returns false, and the waiting sender gets
%% ok once the peer reads.
main() ->
    timeout_case([]),
    timeout_case([{send_timeout_close, true}]),
    zero_timeout(),
    waits_then_ok(),
    peer_closes(),
    ok.

%% The peer closes while a send waits: the send ends with an error.
peer_closes() ->
    {C, S} = pair([]),
    Me = self(),
    Sender = spawn(fun() -> Me ! {sent, blocker(C, 0)} end),
    wait_busy(C, 100),
    gen_tcp:close(S),
    receive {sent, R} -> erlang:display({peer_closed, R})
    after 10000 -> erlang:display(sender_stuck)
    end,
    exit(Sender, kill),
    gen_tcp:close(C).

pair(Opts) ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127,0,0,1}},
                                 {recbuf, 4096}]),
    {ok, P} = inet:port(L),
    {ok, C} = gen_tcp:connect({127,0,0,1}, P, [binary, {active, false},
                                               {sndbuf, 4096} | Opts]),
    {ok, S} = gen_tcp:accept(L),
    gen_tcp:close(L),
    {C, S}.

chunk() -> binary:copy(<<"z">>, 65536).

%% Sends until the first non-ok answer (at most 1000 sends).
fill(C, N) when N < 1000 ->
    case gen_tcp:send(C, chunk()) of
        ok -> fill(C, N + 1);
        Other -> {Other, N > 0}
    end;
fill(_, _) -> never_blocked.

timeout_case(Extra) ->
    {C, S} = pair([{send_timeout, 200} | Extra]),
    T0 = erlang:monotonic_time(millisecond),
    R = fill(C, 0),
    Waited = erlang:monotonic_time(millisecond) - T0 >= 200,
    erlang:display({timeout_case, Extra, R, Waited}),
    erlang:display({next_send, gen_tcp:send(C, <<"x">>)}),
    gen_tcp:close(S), gen_tcp:close(C).

zero_timeout() ->
    {C, S} = pair([{send_timeout, 0}]),
    erlang:display({zero_timeout, fill(C, 0)}),
    gen_tcp:close(S), gen_tcp:close(C).

waits_then_ok() ->
    {C, S} = pair([]),
    Me = self(),
    Sender = spawn(fun() -> Me ! {sent, blocker(C, 0)} end),
    wait_busy(C, 100),
    erlang:display({nosuspend, erlang:port_command(C, <<"y">>, [nosuspend])}),
    receive {sent, _} -> erlang:display(sender_returned_early)
    after 300 -> erlang:display(sender_waits)
    end,
    Drain = spawn(fun() -> drain(S) end),
    receive {sent, R} -> erlang:display({sender, R})
    after 10000 -> erlang:display(sender_stuck)
    end,
    exit(Drain, kill), exit(Sender, kill),
    gen_tcp:close(S), gen_tcp:close(C).

%% Sends until a send had to wait (then returns how it ended).
blocker(C, N) ->
    T0 = erlang:monotonic_time(millisecond),
    R = gen_tcp:send(C, chunk()),
    Took = erlang:monotonic_time(millisecond) - T0,
    case R of
        ok when Took < 100, N < 1000 -> blocker(C, N + 1);
        _ -> R
    end.

%% Polls until nosuspend would fail (the sender made the port busy).
wait_busy(_, 0) -> erlang:display(never_busy);
wait_busy(C, K) ->
    case erlang:port_info(C, queue_size) of
        {queue_size, Q} when Q > 8192 -> ok;
        _ -> timer:sleep(20), wait_busy(C, K - 1)
    end.

drain(S) ->
    case gen_tcp:recv(S, 0) of
        {ok, _} -> drain(S);
        _ -> ok
    end.
