%% erlang:memory/0,1: the categories, their shape and the invariants
%% (values themselves differ between VMs).
-module(t_sys_memory).
-export([main/0]).

main() ->
    M = erlang:memory(),
    erlang:display([K || {K, _} <- M]),
    erlang:display(lists:all(fun({_, V}) -> is_integer(V) andalso V >= 0 end, M)),
    Total = erlang:memory(total),
    erlang:display({total_positive, Total > 0}),
    [{processes, P}, {system, S}] = erlang:memory([processes, system]),
    erlang:display({parts_le_total, P =< Total + 1000000, S =< Total + 1000000}),
    erlang:display({used_le, erlang:memory(processes_used) =< erlang:memory(processes) + 100000,
                    erlang:memory(atom_used) =< erlang:memory(atom)}),
    erlang:display([try erlang:memory(X) catch error:badarg -> badarg end || X <- [foo, "total", [total, bad], 1]]),
    ok.
