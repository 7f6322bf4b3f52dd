%% multi_scheduling blocks as a one-scheduler BEAM counts them (per
%% process, released when it exits), system_flag(scheduler_wall_time)
%% through kernel_refc, system_info(start_time) and heap_sizes.
-module(t_sched_flags_one).
-export([main/0]).

main() ->
    erlang:display(erlang:system_info(multi_scheduling)),
    Self = self(),
    P = spawn(fun() -> erlang:system_flag(multi_scheduling, block), Self ! blocked, receive _ -> ok end end),
    receive blocked -> ok end,
    erlang:display(erlang:system_info(multi_scheduling)),
    Mon = erlang:monitor(process, P),
    exit(P, kill),
    receive {'DOWN', Mon, _, _, _} -> ok end,
    erlang:display(erlang:system_info(multi_scheduling)),
    erlang:display([erlang:system_flag(multi_scheduling, block_normal),
                    erlang:system_flag(multi_scheduling, block),
                    erlang:system_info(multi_scheduling),
                    erlang:system_flag(multi_scheduling, unblock),
                    erlang:system_flag(multi_scheduling, unblock_normal),
                    erlang:system_flag(multi_scheduling, unblock_normal)]),
    erlang:display(catch erlang:system_flag(multi_scheduling, foo)),
    erlang:display(erlang:system_flag(scheduler_wall_time, true)),
    erlang:display(is_list(erlang:statistics(scheduler_wall_time))),
    erlang:display(erlang:system_flag(scheduler_wall_time, false)),
    erlang:display(erlang:statistics(scheduler_wall_time)),
    erlang:display(erlang:system_info(system_architecture)),
    Start = erlang:system_info(start_time),
    erlang:display(is_integer(Start) andalso Start =< erlang:monotonic_time()),
    Sizes = erlang:system_info(heap_sizes),
    erlang:display({length(Sizes), lists:sublist(Sizes, 25), lists:last(Sizes)}),
    ok.
