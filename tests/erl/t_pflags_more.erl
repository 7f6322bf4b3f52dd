%% process_flag/2 and process_info/2 for message_queue_data, priority,
%% sensitive and error_handler; spawn_opt's message_queue_data and
%% priority; total_heap_size counting unreceived on_heap messages.
-module(t_pflags_more).
-export([main/0, undefined_function/3, undefined_lambda/3]).

main() ->
    erlang:display(process_info(self(), [message_queue_data, priority, error_handler])),
    erlang:display(process_flag(message_queue_data, off_heap)),
    erlang:display(process_flag(message_queue_data, on_heap)),
    erlang:display(catch process_flag(message_queue_data, blupp)),
    erlang:display(process_flag(priority, high)),
    erlang:display(process_info(self(), priority)),
    erlang:display(process_flag(priority, normal)),
    erlang:display(catch process_flag(priority, urgent)),
    P1 = spawn_opt(fun() -> receive _ -> ok end end, [{message_queue_data, off_heap}, {priority, low}]),
    erlang:display(process_info(P1, [message_queue_data, priority])),
    P1 ! stop,
    %% sensitive: dictionary, messages and backtrace are hidden
    put(k, v),
    self() ! hello,
    erlang:display(process_flag(sensitive, true)),
    erlang:display(process_info(self(), [dictionary, messages, backtrace])),
    erlang:display(process_flag(sensitive, false)),
    erlang:display(process_info(self(), [dictionary, messages])),
    receive hello -> ok end,
    erlang:display(catch process_flag(sensitive, maybe)),
    %% error_handler
    erlang:display(process_flag(error_handler, ?MODULE)),
    erlang:display(catch t_pflags_no_such_mod:f(1, 2)),
    M = t_pflags_no_such_mod,
    erlang:display(catch M:g(x)),
    erlang:display(catch apply(M, h, [y, z])),
    Fun = binary_to_term(<<131,112,0,0,0,84,3,109,96,69,208,5,175,207,75,36,93,112,218,232,222,22,251,0,
          0,0,0,0,0,0,1,100,0,11,102,111,111,98,97,114,98,108,117,114,102,97,0,98,5,
          244,197,144,103,100,0,13,110,111,110,111,100,101,64,110,111,104,111,115,116,
          0,0,0,46,0,0,0,0,0,104,3,97,1,97,2,97,3>>),
    erlang:display(catch Fun(a, b, c)),
    erlang:display(process_info(self(), error_handler)),
    erlang:display(process_flag(error_handler, error_handler)),
    erlang:display(catch t_pflags_no_such_mod:f(1, 2)),
    erlang:display(catch Fun(a, b, c)),
    erlang:display(catch process_flag(error_handler, "x")),
    %% on_heap: queued messages count in total_heap_size; off_heap: not
    Recv = fun F() -> receive Pid when is_pid(Pid) -> Pid ! ok, F() end end,
    On = spawn_opt(Recv, [{message_queue_data, on_heap}]),
    Off = spawn_opt(Recv, [{message_queue_data, off_heap}]),
    erlang:display([grows(Pid) || Pid <- [On, Off]]),
    ok.

grows(Pid) ->
    {total_heap_size, S0} = process_info(Pid, total_heap_size),
    [Pid ! lists:duplicate(N, N) || N <- lists:seq(1, 100)],
    Pid ! self(),
    receive ok -> ok end,
    {total_heap_size, S1} = process_info(Pid, total_heap_size),
    S1 > S0.

undefined_function(M, F, A) -> {handled, M, F, A}.
undefined_lambda(M, F, A) -> {lambda, M, is_function(F), A}.
