%% Receive markers keep nested request/reply calls independent of the
%% length of the caller's message queue: 1000 nested round trips with
%% 500,000 unrelated messages queued take less than 10x the time they take
%% with an empty queue. Each round trip is a raw `make_ref` request whose
%% reply is received after a nested `gen_server:call` (monitor with an
%% alias, `demonitor(Mref, [flush])`) and a nested raw call. Each phase is
%% the best of 5 runs: erl and girder both have occasional pauses that have
%% nothing to do with the queue.
-module(t_recvmark_timing).
-behaviour(gen_server).
-export([main/0, server/0, init/1, handle_call/3, handle_cast/2]).

main() ->
    S1 = spawn(?MODULE, server, []),
    {ok, S2} = gen_server:start(?MODULE, [], []),
    R0 = run(S1, S2, 10),
    Empty = best(S1, S2),
    fill(500000),
    Full = best(S1, S2),
    {message_queue_len, QLen} = process_info(self(), message_queue_len),
    erlang:display(R0),
    erlang:display(QLen),
    erlang:display(Full < 10 * Empty),
    case os:getenv("RECVMARK_VERBOSE") of
        false -> ok;
        _ -> io:format("empty ~p us, full ~p us~n", [Empty, Full])
    end,
    S1 ! stop,
    ok.

best(S1, S2) ->
    lists:min([element(1, timer:tc(fun() -> run(S1, S2, 1000) end)) || _ <- lists:seq(1, 5)]).

fill(0) -> ok;
fill(N) ->
    self() ! {noise, N},
    fill(N - 1).

%% The sum of the replies, so the work cannot be skipped.
run(_, _, 0) -> 0;
run(S1, S2, N) -> outer(S1, S2, N) + run(S1, S2, N - 1).

outer(S1, S2, I) ->
    R1 = make_ref(),
    S1 ! {self(), R1, I},
    X = gen_server:call(S2, I + 1),
    Y = call(S1, I + 2),
    receive
        {R1, Z} -> X + Y + Z
    end.

call(Srv, Req) ->
    Ref = make_ref(),
    Srv ! {self(), Ref, Req},
    receive
        {Ref, Reply} -> Reply
    end.

server() ->
    receive
        {From, Ref, N} ->
            From ! {Ref, N * N},
            server();
        stop ->
            ok
    end.

init([]) -> {ok, []}.
handle_call(N, _From, S) -> {reply, 2 * N, S}.
handle_cast(_, S) -> {noreply, S}.
