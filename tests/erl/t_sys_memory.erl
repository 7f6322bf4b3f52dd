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
    %% binary follows off-heap binaries: a 16 MB one counts until it is gone.
    B0 = erlang:memory(binary),
    Big = binary:copy(<<7>>, 16 bsl 20),
    B1 = erlang:memory(binary),
    erlang:display({binary_grew, B1 - B0 >= 8 bsl 20, byte_size(Big)}),
    garbage_collect(),
    erlang:display({binary_shrank, erlang:memory(binary) < B1 - (8 bsl 20)}),
    %% code grows when a module is loaded and includes its native code.
    C0 = erlang:memory(code),
    {module, _} = code:ensure_loaded(gb_trees),
    erlang:display({code_positive, C0 > 0, erlang:memory(code) >= C0}),
    erlang:display({system_parts, erlang:memory(system) >= erlang:memory(binary) + erlang:memory(code)}),
    ok.
