%% erlang:spawn_opt/2,3,4,5: link and monitor, accepted options, badarg
%% for bad options and arguments.
-module(t_bif2_spawn_opt).
-export([main/0, child/1]).

e(F) -> try F() catch C:R -> {C, R} end.

child(Parent) -> Parent ! {child, self()}.

main() ->
    Me = self(),
    P1 = spawn_opt(fun() -> Me ! one end, []),
    receive one -> io:format("one ~p~n", [is_pid(P1)]) end,
    process_flag(trap_exit, true),
    P2 = spawn_opt(fun() -> exit(bye) end, [link]),
    receive {'EXIT', P2, R2} -> io:format("linked exit ~p~n", [R2]) end,
    {P3, Ref3} = spawn_opt(fun() -> exit(down_reason) end, [monitor]),
    receive {'DOWN', Ref3, process, P3, R3} -> io:format("down ~p~n", [R3]) end,
    {P4, Ref4} = spawn_opt(?MODULE, child, [Me], [link, monitor, {priority, high},
                                                  {min_heap_size, 1000}, {fullsweep_after, 10},
                                                  {message_queue_data, off_heap},
                                                  {min_bin_vheap_size, 100}, {max_heap_size, 0}]),
    receive {child, P4} -> io:format("child ok~n") end,
    receive {'DOWN', Ref4, process, P4, normal} -> io:format("child down~n") end,
    receive {'EXIT', P4, normal} -> io:format("child exit~n") end,
    P5 = spawn_opt(node(), fun() -> Me ! five end, []),
    receive five -> io:format("five ~p~n", [is_pid(P5)]) end,
    P6 = spawn_opt(node(), ?MODULE, child, [Me], []),
    receive {child, P6} -> io:format("six~n") end,
    {_, Ref7} = spawn_opt(fun() -> ok end, [{monitor, []}]),
    receive {'DOWN', Ref7, process, _, normal} -> io:format("seven~n") end,
    P8 = spawn_opt({lists, seq}, []),
    io:format("~p~n", [is_pid(P8)]),
    Bad = [[bogus], [{priority, urgent}], [{min_heap_size, -1}], [{max_heap_size, 100}],
           [{max_heap_size, #{size => 100000, kill => maybe}}], [{message_queue_data, nowhere}],
           [link | x], link, [{link}], [{a, b, c}], [{fullsweep_after, -1}], [{reply, yes}]],
    io:format("~p~n", [[e(fun() -> spawn_opt(fun() -> ok end, O) end) || O <- Bad]]),
    io:format("~p~n", [[e(fun() -> spawn_opt(M, F, A, []) end)
                        || {M, F, A} <- [{1, f, []}, {m, 2, []}, {m, f, [a | b]}, {m, f, x}]]]),
    io:format("~p~n", [[e(fun() -> spawn_opt(X, []) end) || X <- [a, 1, {1, 2}]]]),
    io:format("~p~n", [is_pid(spawn_opt(fun() -> ok end, [{max_heap_size, #{size => 100000, kill => true}}]))]),
    ok.
