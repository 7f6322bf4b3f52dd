%% max_heap_size: validation (badarg as erl), the old value returned as a
%% map, process_info(P, max_heap_size), spawn_opt's option, the system
%% default, and the kill itself: a process whose heap grows past the limit
%% at a collection dies with the untrappable reason `killed` (trapping
%% exits or catching does not help); one that stays small, or has
%% `kill => false`, lives. (error_logger => false throughout: erl would
%% print a report, girder has no logger yet.)
-module(t_max_heap).
-export([main/0, grow/1]).

main() ->
    validation(),
    kills(),
    system_default(),
    ok.

show(X) -> erlang:display(X).

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.

validation() ->
    show(process_info(self(), max_heap_size)),
    show(process_flag(max_heap_size, 100000)),
    show(process_info(self(), max_heap_size)),
    show(process_flag(max_heap_size, #{size => 50000, kill => false, error_logger => false})),
    show(process_flag(max_heap_size, #{size => 60000, other_key => ignored})),
    show(process_flag(max_heap_size, #{size => 0})),
    [show(err(fun() -> process_flag(max_heap_size, V) end))
     || V <- [-1, 100, 232, foo, 1.5, #{}, #{kill => true}, #{size => -5},
              #{size => 1000, kill => maybe}, #{size => 1000, error_logger => 1},
              #{size => foo}, 1 bsl 70]],
    show(process_flag(max_heap_size, 233)),
    show(process_flag(max_heap_size, 0)),
    show(lists:keyfind(max_heap_size, 1, element(2, process_info(self(), garbage_collection)))),
    [show(err(fun() -> spawn_opt(fun() -> ok end, [{max_heap_size, V}]) end))
     || V <- [-1, foo, #{kill => true}, 100]],
    show(err(fun() -> spawn_opt(fun() -> ok end, [{max_heap_size, 300}, {min_heap_size, 1000}]) end)),
    P = spawn_opt(fun() -> receive stop -> ok end end,
                  [{max_heap_size, #{size => 12345, error_logger => false}}]),
    show(process_info(P, max_heap_size)),
    P ! stop.

%% Builds a list of N elements and keeps it live.
grow(N) ->
    L = lists:seq(1, N),
    receive after 10 -> ok end,
    length(L).

run(Opts, N, Trap) ->
    Me = self(),
    {P, R} = spawn_opt(fun() ->
                           process_flag(trap_exit, Trap),
                           Me ! {self(), (catch grow(N))}
                       end,
                       [monitor | Opts]),
    receive {'DOWN', R, process, P, Why} ->
        Got = receive {P, V} -> V after 0 -> none end,
        {Why, Got}
    end.

kills() ->
    Lim = #{size => 20000, error_logger => false},
    show(run([{max_heap_size, Lim}], 100, false)),
    show(run([{max_heap_size, Lim}], 1000000, false)),
    show(run([{max_heap_size, Lim}], 1000000, true)),
    show(run([{max_heap_size, Lim#{kill => false}}], 1000000, false)),
    show(run([], 1000000, false)),
    %% set from inside, with process_flag
    {P, R} = spawn_monitor(fun() ->
                               process_flag(max_heap_size, #{size => 5000, error_logger => false}),
                               grow(500000)
                           end),
    show(receive {'DOWN', R, process, P, Why} -> Why end),
    %% a linked process trapping exits gets {'EXIT', P, killed}
    process_flag(trap_exit, true),
    L = spawn_opt(fun() -> grow(1000000) end,
                  [link, {max_heap_size, #{size => 10000, error_logger => false}}]),
    show(receive {'EXIT', L, Why2} -> Why2 end),
    process_flag(trap_exit, false).

system_default() ->
    show(erlang:system_info(max_heap_size)),
    show(erlang:system_flag(max_heap_size, #{size => 0, kill => false, error_logger => false})),
    show(erlang:system_info(max_heap_size)),
    %% flags a map leaves out come from the system default
    show(process_flag(max_heap_size, #{size => 5000})),
    show(process_info(self(), max_heap_size)),
    show(erlang:system_flag(max_heap_size, 40000)),
    P = spawn(fun() -> receive stop -> ok end end),
    show(process_info(P, max_heap_size)),
    P ! stop,
    show(err(fun() -> erlang:system_flag(max_heap_size, 10) end)),
    show(err(fun() -> erlang:system_flag(max_heap_size, #{kill => true}) end)),
    show(erlang:system_flag(max_heap_size, #{size => 0, kill => true, error_logger => true})),
    show(erlang:system_info(max_heap_size)).
