%% erlang:system_info/1 items that answer text (info, procs, loaded, dist)
%% and the counters/defaults ets_count, port_count, min_bin_vheap_size and
%% garbage_collection.
-module(t_sysinfo_text).
-export([main/0]).

main() ->
    erlang:display([is_binary(erlang:system_info(I)) || I <- [info, procs, loaded, dist]]),
    erlang:display(erlang:system_info(dist)),
    Info = erlang:system_info(info),
    erlang:display(binary:part(Info, 0, 14)),
    Procs = erlang:system_info(procs),
    Me = list_to_binary("=proc:" ++ pid_to_list(self())),
    erlang:display(binary:match(Procs, Me) =/= nomatch),
    Loaded = erlang:system_info(loaded),
    erlang:display([binary:match(Loaded, <<"Current code: ">>) =:= {0, 14},
                    binary:match(Loaded, <<"\nt_sysinfo_text ">>) =/= nomatch]),
    E0 = erlang:system_info(ets_count),
    T = ets:new(x, []),
    E1 = erlang:system_info(ets_count),
    ets:delete(T),
    erlang:display({ets_count, E1 - E0, erlang:system_info(ets_count) - E0}),
    P0 = erlang:system_info(port_count),
    Port = open_port({spawn, "cat"}, []),
    P1 = erlang:system_info(port_count),
    port_close(Port),
    erlang:display({port_count, P1 - P0, erlang:system_info(port_count) - P0,
                    length(erlang:ports()) =:= P0}),
    {min_bin_vheap_size, VH} = erlang:system_info(min_bin_vheap_size),
    {min_heap_size, H} = erlang:system_info(min_heap_size),
    GC = erlang:system_info(garbage_collection),
    erlang:display(GC),
    erlang:display({VH =:= proplists:get_value(min_bin_vheap_size, GC),
                    H =:= proplists:get_value(min_heap_size, GC)}),
    ok.
