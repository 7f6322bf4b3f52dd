-module(t_bin_vheap).
-export([main/0]).

%% The binary virtual heap (BEAM's bin_vheap): off-heap binary bytes a
%% process references count against a per-process budget, and going over
%% it collects the process, so dropped big binaries are freed promptly.

bin_items(P) ->
    {garbage_collection_info, I} = process_info(P, garbage_collection_info),
    [{K, V} || {K, V} <- I, lists:member(K, [bin_vheap_size, bin_vheap_block_size,
                                              bin_old_vheap_size, bin_old_vheap_block_size])].

min_vheap(P) ->
    {garbage_collection, G} = process_info(P, garbage_collection),
    proplists:get_value(min_bin_vheap_size, G).

%% Makes N binaries of 1 MB and drops each at once; the largest growth of
%% erlang:memory(binary) seen on the way, in MB. Allocates almost nothing
%% on the heap, so only the virtual heap can trigger collections.
drop_loop(0, _Base, Max) -> Max;
drop_loop(N, Base, Max) ->
    B = binary:copy(<<N:8>>, 1 bsl 20),
    1048576 = byte_size(B),
    M = erlang:memory(binary) - Base,
    drop_loop(N - 1, Base, max(M, Max)).

%% The same with binaries built by the bit syntax.
drop_loop_bs(0, _Base, Max) -> Max;
drop_loop_bs(N, Base, Max) ->
    B = <<N:(8 bsl 20)>>,
    1048576 = byte_size(B),
    M = erlang:memory(binary) - Base,
    drop_loop_bs(N - 1, Base, max(M, Max)).

minor_gcs() ->
    {garbage_collection, G} = process_info(self(), garbage_collection),
    proplists:get_value(minor_gcs, G).

in_proc(F, Opts) ->
    Self = self(),
    {Pid, Ref} = spawn_opt(fun() -> Self ! {self(), F()} end, [monitor | Opts]),
    receive {Pid, R} -> receive {'DOWN', Ref, _, _, _} -> R end end.

main() ->
    erlang:display(erlang:system_info(min_bin_vheap_size)),
    erlang:display(min_vheap(self())),
    %% process_flag: BEAM's heap-size rounding, and its floor.
    erlang:display(in_proc(fun() ->
        A = process_flag(min_bin_vheap_size, 100000),
        B = min_vheap(self()),
        C = process_flag(min_bin_vheap_size, 10),
        D = min_vheap(self()),
        E = (catch process_flag(min_bin_vheap_size, -1)),
        F = (catch process_flag(min_bin_vheap_size, x)),
        {A, B, C, D, element(1, E), element(1, F)}
    end, [])),
    %% spawn_opt: the option sets the new process's minimum and its
    %% starting block sizes.
    erlang:display(in_proc(fun() -> {min_vheap(self()), bin_items(self())} end,
                           [{min_bin_vheap_size, 200000}])),
    erlang:display(in_proc(fun() -> min_vheap(self()) end, [{min_bin_vheap_size, 5}])),
    %% (OTP 25 applies it only together with one of these options.)
    [erlang:display(in_proc(fun() -> {min_vheap(self()), bin_items(self())} end,
                            [{min_bin_vheap_size, 200000}, O]))
     || O <- [{min_heap_size, 233}, {priority, normal}, {fullsweep_after, 10},
              {max_heap_size, 0}, {scheduler, 0}, link]],
    %% system_flag: the default of new processes, rounded over BEAM's
    %% whole heap-size table.
    Old = erlang:system_flag(min_bin_vheap_size, 100000),
    erlang:display({Old, erlang:system_info(min_bin_vheap_size),
                    in_proc(fun() -> {min_vheap(self()), bin_items(self())} end, [])}),
    erlang:display([begin erlang:system_flag(min_bin_vheap_size, N),
                          element(2, erlang:system_info(min_bin_vheap_size)) end
                    || N <- [0, 1, 13, 39, 52, 91, 143, 234, 46422]]),
    erlang:display(element(1, catch erlang:system_flag(min_bin_vheap_size, -1))),
    erlang:display(lists:keyfind(min_bin_vheap_size, 1,
                                 erlang:system_info(garbage_collection))),
    erlang:display(catch spawn_opt(fun() -> ok end, [{min_bin_vheap_size, -3}])),
    %% The accounting of a collection: live binary words and the block
    %% sizes grown and shrunk by BEAM's golden-ratio rule.
    erlang:display(in_proc(fun() ->
        B = binary:copy(<<7>>, 1 bsl 20),
        garbage_collect(),
        S1 = bin_items(self()),
        Bins1 = [Sz || {_, Sz, _} <- element(2, process_info(self(), binary))],
        1048576 = byte_size(B),
        put(keep, B),
        garbage_collect(),
        garbage_collect(),
        S2 = bin_items(self()),
        erase(keep),
        garbage_collect(),
        S3 = bin_items(self()),
        Bins3 = element(2, process_info(self(), binary)),
        {S1, Bins1, S2, S3, Bins3}
    end, [])),
    %% Generations: the binary makes the process go over its budget: it
    %% is collected (a major collection: nothing is old yet), then a
    %% minor collection promotes the binary, whose words move to the old
    %% generation's count.
    erlang:display(in_proc(fun() ->
        B = binary:copy(<<9>>, 1 bsl 20),
        erlang:yield(),
        M0 = minor_gcs(),
        garbage_collect(self(), [{type, minor}]),
        S1 = bin_items(self()),
        garbage_collect(self(), [{type, minor}]),
        S2 = bin_items(self()),
        M2 = minor_gcs(),
        1048576 = byte_size(B),
        {M0, S1, S2, M2}
    end, [])),
    %% Many big binaries made and dropped without an explicit collection:
    %% the memory they hold stays bounded.
    garbage_collect(),
    Base = erlang:memory(binary),
    Max1 = in_proc(fun() -> drop_loop(300, Base, 0) end, []),
    erlang:display({copy_bounded, Max1 < 24 bsl 20}),
    garbage_collect(),
    Base2 = erlang:memory(binary),
    Max2 = in_proc(fun() -> drop_loop_bs(300, Base2, 0) end, []),
    erlang:display({bs_bounded, Max2 < 24 bsl 20}),
    ok.
