%% nodes/0,1 on a non-distributed node, and the process_flag/2 options
%% max_heap_size and fullsweep_after (accepted; answers are the defaults).
-module(t_bif3_flags_nodes).
-export([main/0]).

main() ->
    erlang:display({nodes, nodes(), [erlang:nodes(K) || K <- [visible, hidden, connected, this, known,
                                                             [visible, this], [connected]]]}),
    erlang:display({bad_nodes, [try erlang:nodes(K) catch error:badarg -> badarg end || K <- [foo, "this", [this, bad]]]}),
    erlang:display({node, node(), is_alive()}),
    P = spawn(fun() ->
                      R1 = process_flag(max_heap_size, 0),
                      R2 = [try process_flag(max_heap_size, V), ok catch error:badarg -> badarg end
                            || V <- [100, -1, foo, #{bad => 1}, #{size => 10}, #{size => 100000, kill => false},
                                     #{error_logger => false}, 1000000]],
                      R3 = process_flag(fullsweep_after, 10),
                      R4 = [try process_flag(fullsweep_after, V), ok catch error:badarg -> badarg end
                            || V <- [-1, foo, 0]],
                      erlang:display({flags, R1, R2, R3, R4})
              end),
    Ref = monitor(process, P),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    ok.
