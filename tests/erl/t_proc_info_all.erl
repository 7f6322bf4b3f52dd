%% process_info/1 (all items, in BEAM's order) and the items
%% error_handler, suspending, garbage_collection and memory of
%% process_info/2.
-module(t_proc_info_all).
-export([main/0]).

main() ->
    Self = self(),
    P = spawn(fun() -> put(k, v), Self ! ready, receive stop -> ok end end),
    receive ready -> ok end,
    Info = process_info(P),
    erlang:display([K || {K, _} <- Info]),
    erlang:display([{K, V} || {K, V} <- Info,
                              lists:member(K, [initial_call, status, message_queue_len, links, dictionary,
                                               trap_exit, error_handler, priority, suspending])]),
    register(t_proc_info_all_p, P),
    erlang:display(hd(process_info(P))),
    erlang:display(length(process_info(P)) - length(Info)),
    erlang:display(process_info(self(), [error_handler, suspending, priority])),
    {garbage_collection, GC} = process_info(P, garbage_collection),
    erlang:display([K || {K, _} <- GC]),
    erlang:display(proplists:get_value(max_heap_size, GC)),
    {memory, M} = process_info(P, memory),
    erlang:display({memory_is_positive_integer, is_integer(M) andalso M > 0}),
    P ! stop,
    timer:sleep(20),
    erlang:display(process_info(P)),
    erlang:display(catch process_info(not_a_pid)),
    ok.
