%% erlang:hibernate/3: the stack is discarded (catches too), the heap shrinks
%% to the live data, the process waits for a message (one already queued
%% wakes it at once) and then runs M:F(A), never returning to the caller;
%% proc_lib:hibernate/3 and gen_server's `hibernate` return.
-module(t_hibernate).
-behaviour(gen_server).
-export([main/0, wake/1, wake_crash/1, wake_return/1, init/1, handle_call/3,
         handle_cast/2]).

main() ->
    basic(),
    queued(),
    catch_is_gone(),
    returns(),
    badargs(),
    indirect(),
    proc_lib_hib(),
    gen_server_hib(),
    ok.

info(P) ->
    process_info(P, [status, heap_size, total_heap_size, stack_size,
                     current_function, message_queue_len]).

settle() -> receive after 50 -> ok end.

basic() ->
    Me = self(),
    P = spawn(fun() ->
                  L = lists:seq(1, 1000),
                  erlang:hibernate(?MODULE, wake, [{Me, L, 5}])
              end),
    settle(),
    erlang:display(info(P)),
    P ! hello,
    receive {woke, Got} -> erlang:display(Got) end,
    Q = spawn(fun() -> erlang:hibernate(?MODULE, wake, [x]) end),
    settle(),
    erlang:display(info(Q)),
    exit(Q, kill).

wake({Me, L, N}) ->
    receive M -> Me ! {woke, {M, length(L), N, get(key)}} end.

queued() ->
    Me = self(),
    P = spawn(fun() ->
                  put(key, value),
                  self() ! first,
                  erlang:hibernate(?MODULE, wake, [{Me, [], queued}])
              end),
    receive {woke, Got} -> erlang:display(Got) end,
    settle(),
    erlang:display(is_process_alive(P)).

%% A catch around hibernate is gone after waking: the exit is not caught.
%% (An error would print a crash report; girder has no logger yet.)
catch_is_gone() ->
    {P, R} = spawn_monitor(fun() ->
                               catch erlang:hibernate(?MODULE, wake_crash, [boom])
                           end),
    settle(),
    P ! go,
    receive {'DOWN', R, process, P, Why} -> erlang:display(Why) end.

wake_crash(X) -> receive go -> exit(X) end.

%% Returning from M:F ends the process normally.
returns() ->
    {P, R} = spawn_monitor(fun() ->
                               erlang:hibernate(?MODULE, wake_return, [7]),
                               exit(not_reached)
                           end),
    settle(),
    P ! go,
    receive {'DOWN', R, process, P, Why} -> erlang:display(Why) end.

wake_return(X) -> receive go -> X end.

badargs() ->
    [erlang:display(catch erlang:hibernate(M, F, A))
     || {M, F, A} <- [{1, f, []}, {m, "f", []}, {m, f, x}, {m, f, [a | b]}]],
    erlang:display(catch apply(erlang, hibernate, [m, f, [a | b]])).

indirect() ->
    Me = self(),
    P1 = spawn(fun() -> apply(erlang, hibernate, [?MODULE, wake, [{Me, [1], apply}]]) end),
    H = fun erlang:hibernate/3,
    P2 = spawn(fun() -> H(?MODULE, wake, [{Me, [1, 2], funref}]) end),
    settle(),
    erlang:display([element(2, process_info(P, current_function)) || P <- [P1, P2]]),
    P1 ! a,
    receive {woke, G1} -> erlang:display(G1) end,
    P2 ! b,
    receive {woke, G2} -> erlang:display(G2) end.

proc_lib_hib() ->
    Me = self(),
    P = proc_lib:spawn(fun() -> proc_lib:hibernate(?MODULE, wake, [{Me, [], proc_lib}]) end),
    settle(),
    erlang:display(process_info(P, [status, current_function])),
    P ! c,
    receive {woke, G} -> erlang:display(G) end.

gen_server_hib() ->
    {ok, S} = gen_server:start(?MODULE, [], []),
    erlang:display(gen_server:call(S, {hib, 1})),
    settle(),
    erlang:display(process_info(S, [status, current_function, stack_size])),
    erlang:display(gen_server:call(S, {plain, 2})),
    erlang:display(gen_server:call(S, {hib, 3})),
    erlang:display(gen_server:call(S, {plain, 4})),
    gen_server:stop(S).

init([]) -> {ok, 0, hibernate}.
handle_call({hib, N}, _From, S) -> {reply, {S, N}, S + N, hibernate};
handle_call({plain, N}, _From, S) -> {reply, {S, N}, S + N}.
handle_cast(_, S) -> {noreply, S}.
