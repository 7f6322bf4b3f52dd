%% erlang:garbage_collect/0,1,2 and erts_internal:garbage_collect/1: data
%% survives collections, other processes are collected, async replies,
%% badarg cases.
-module(t_bif2_gc).
-export([main/0]).

e(F) -> try F() catch C:R -> {C, R} end.

loop(N, Acc) when N > 0 -> loop(N - 1, [{N, <<N:64>>, float(N)} | Acc]);
loop(0, Acc) -> Acc.

main() ->
    L = loop(20000, []),
    M = maps:from_list([{K, V} || {K, V, _} <- lists:sublist(L, 100)]),
    Big = binary:copy(<<"xyz">>, 1000),
    true = erlang:garbage_collect(),
    _ = [erlang:garbage_collect() || _ <- lists:seq(1, 10)],
    true = erts_internal:garbage_collect(minor),
    true = erts_internal:garbage_collect(major),
    io:format("~p ~p ~p ~p~n", [length(L), lists:sum([K || {K, _, _} <- L]), map_size(M), byte_size(Big)]),
    io:format("~p~n", [erlang:phash2({L, M, Big})]),
    true = erlang:garbage_collect(self()),
    true = erlang:garbage_collect(self(), []),
    true = erlang:garbage_collect(self(), [{type, minor}]),
    %% Another process: collected while it waits, its data intact.
    Me = self(),
    P = spawn(fun() ->
                      D = loop(5000, []),
                      Me ! ready,
                      receive check -> Me ! {sum, lists:sum([K || {K, _, _} <- D])} end
              end),
    receive ready -> ok end,
    io:format("~p~n", [erlang:garbage_collect(P)]),
    io:format("~p~n", [erlang:garbage_collect(P, [{type, major}])]),
    Ref = make_ref(),
    io:format("~p~n", [erlang:garbage_collect(P, [{async, Ref}])]),
    receive {garbage_collect, Ref, R1} -> io:format("async ~p~n", [R1]) end,
    P ! check,
    receive {sum, S} -> io:format("sum ~p~n", [S]) end,
    %% A dead process.
    Dead = spawn(fun() -> ok end),
    MRef = monitor(process, Dead),
    receive {'DOWN', MRef, _, _, _} -> ok end,
    io:format("~p~n", [erlang:garbage_collect(Dead)]),
    Ref2 = make_ref(),
    async = erlang:garbage_collect(Dead, [{async, Ref2}]),
    receive {garbage_collect, Ref2, R2} -> io:format("dead async ~p~n", [R2]) end,
    Ref3 = make_ref(),
    async = erlang:garbage_collect(self(), [{async, Ref3}]),
    receive {garbage_collect, Ref3, R3} -> io:format("self async ~p~n", [R3]) end,
    io:format("~p~n", [[e(fun() -> erlang:garbage_collect(X) end) || X <- [a, 1, [self()]]]]),
    io:format("~p~n", [[e(fun() -> erlang:garbage_collect(self(), X) end)
                        || X <- [a, [bad], [{type, full}], [{async}], [{type, major} | x]]]]),
    io:format("~p~n", [[e(fun() -> erts_internal:garbage_collect(X) end) || X <- [full, 1]]]),
    ok.
