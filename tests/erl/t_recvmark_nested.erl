%% Nested request/reply calls, each with its own fresh reference, while many
%% unrelated messages are queued: results, and the queue left behind, are
%% the same as erl's. Nesting deeper than BEAM's 8 receive markers, replies
%% arriving out of order, stale replies, timeouts, an exception between
%% `make_ref` and the receive, nested gen_server calls, and
%% `demonitor(Ref, [flush])` (which removes only the first `{_, Ref, _, _, _}`
%% and only when the monitor had already fired).
-module(t_recvmark_nested).
-behaviour(gen_server).
-export([main/0, server/0, init/1, handle_call/3, handle_cast/2, handle_info/2]).

main() ->
    S = spawn(?MODULE, server, []),
    fill(20000),
    erlang:display(nest(S, 12)),
    erlang:display(nest(S, 3)),
    erlang:display(out_of_order(S)),
    Stale = make_ref(),
    self() ! {Stale, stale},
    erlang:display(call(S, {square, 7})),
    erlang:display(call_timeout(S, {sleep, 100}, 10)),
    erlang:display(call_timeout(S, {square, 5}, 1000)),
    erlang:display(element(1, catch crash_between(S))),
    erlang:display(call(S, {square, 9})),
    gen_servers(),
    flushes(),
    %% the noise is all there, in order, followed by the leftovers
    Left = drain([]),
    {Noise, Rest} = lists:split(20000, Left),
    erlang:display(Noise =:= [{noise, N} || N <- lists:seq(1, 20000)]),
    erlang:display([strip(M) || M <- Rest]),
    S ! stop,
    ok.

fill(N) -> [self() ! {noise, I} || I <- lists:seq(1, N)], ok.

drain(Acc) ->
    receive M -> drain([M | Acc]) after 0 -> lists:reverse(Acc) end.

%% References differ between runs: show only their shape.
strip(M) when is_tuple(M) -> list_to_tuple([strip(E) || E <- tuple_to_list(M)]);
strip(R) when is_reference(R) -> ref;
strip(P) when is_pid(P) -> pid;
strip(X) -> X.

%% Depth D: each level sends a request, recurses, then takes its reply.
nest(_, 0) -> [];
nest(S, D) ->
    R = make_ref(),
    S ! {self(), R, {square, D}},
    Inner = nest(S, D - 1),
    receive
        {R, V} -> [V | Inner]
    end.

%% The outer reply arrives before the inner one is asked for.
out_of_order(S) ->
    R1 = make_ref(),
    S ! {self(), R1, {square, 100}},
    receive after 20 -> ok end,
    R2 = make_ref(),
    S ! {self(), R2, {square, 200}},
    B = receive {R2, V2} -> V2 end,
    A = receive {R1, V1} -> V1 end,
    {A, B}.

call(Srv, Req) ->
    Ref = make_ref(),
    Srv ! {self(), Ref, Req},
    receive
        {Ref, Reply} -> Reply
    end.

call_timeout(Srv, Req, Timeout) ->
    Ref = make_ref(),
    Srv ! {self(), Ref, Req},
    receive
        {Ref, Reply} -> {ok, Reply}
    after Timeout ->
        timeout
    end.

%% A marker is reserved and bound, then the receive is never reached.
crash_between(S) ->
    Ref = make_ref(),
    S ! {self(), Ref, {square, 3}},
    _ = list_to_atom(S),
    receive
        {Ref, Reply} -> Reply
    end.

server() ->
    receive
        {From, Ref, {square, N}} ->
            From ! {Ref, N * N},
            server();
        {From, Ref, {sleep, Ms}} ->
            receive after Ms -> ok end,
            From ! {Ref, late},
            server();
        stop ->
            ok
    end.

%% Two gen_servers: A's handle_call queues noise to itself and then calls
%% B; the noise is handled afterwards by handle_info.
gen_servers() ->
    {ok, B} = gen_server:start(?MODULE, b, []),
    {ok, A} = gen_server:start(?MODULE, {a, B}, []),
    erlang:display([gen_server:call(A, {ask, N}) || N <- [1, 2, 3]]),
    erlang:display(gen_server:call(A, count)),
    erlang:display(gen_server:call(B, {ask, 4})),
    gen_server:stop(A),
    gen_server:stop(B).

init(b) -> {ok, b};
init({a, B}) -> {ok, {B, 0}}.

handle_call({ask, N}, _From, b) -> {reply, {b, N * 10}, b};
handle_call({ask, N}, _From, {B, C}) ->
    [self() ! {tick, I} || I <- lists:seq(1, 1000)],
    {reply, {a, gen_server:call(B, {ask, N})}, {B, C}};
handle_call(count, _From, {B, C}) -> {reply, C, {B, C}}.

handle_cast(_, S) -> {noreply, S}.

handle_info({tick, _}, {B, C}) -> {noreply, {B, C + 1}};
handle_info(_, S) -> {noreply, S}.

flushes() ->
    %% active monitor: nothing is flushed, not even a look-alike
    P1 = spawn(fun() -> receive stop -> ok end end),
    M1 = monitor(process, P1),
    self() ! {fake, M1, 1, 2, 3},
    erlang:display(demonitor(M1, [flush, info])),
    P1 ! stop,
    %% fired monitor: the first {_, Ref, _, _, _} goes, the rest stay
    P2 = spawn(fun() -> ok end),
    M2 = monitor(process, P2),
    receive after 20 -> ok end,
    self() ! {fake, M2, 1, 2, 3},
    self() ! {other, M2, 4, 5, 6},
    erlang:display(demonitor(M2, [flush, info])),
    %% fired, flushed without info
    P3 = spawn(fun() -> ok end),
    M3 = monitor(process, P3),
    receive after 20 -> ok end,
    erlang:display(demonitor(M3, [flush])),
    %% monitoring a dead process: DOWN with noproc at once
    M4 = monitor(process, P3),
    erlang:display(demonitor(M4, [flush, info])),
    {'EXIT', {E1, _}} = (catch demonitor(M4, [flush | bad])),
    {'EXIT', {E2, _}} = (catch demonitor(M4, [bogus])),
    {'EXIT', {E3, _}} = (catch demonitor(self(), [flush])),
    erlang:display({E1, E2, E3}),
    %% a process that died before the monitor: noproc DOWN, not yet
    %% fetched, so demonitor still finds the monitor
    M5 = monitor(process, P3),
    self() ! {fake, M5, 1, 2, 3},
    erlang:display(demonitor(M5, [flush, info])),
    %% the same after a receive has fetched the DOWN
    M6 = monitor(process, P3),
    receive after 1 -> ok end,
    erlang:display(demonitor(M6, [info])),
    erlang:display(receive {'DOWN', M6, process, _, R6} -> R6 after 0 -> none end),
    ok.
