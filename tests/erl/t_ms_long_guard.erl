%% Match-spec guards that BEAM runs to completion even on big data
%% (length/1 of a long list, which erlang:length/1 itself does in slices).
-module(t_ms_long_guard).
-export([main/0]).

main() ->
    Long = lists:seq(1, 200000),
    Ms = ets:match_spec_compile([{{tag, '$1'}, [{'>', {length, '$1'}, 3}], [{length, '$1'}]}]),
    erlang:display(ets:match_spec_run([{tag, [1, 2]}, {tag, Long}, {tag, [a | b]}], Ms)),
    T = ets:new(t, [set]),
    ets:insert(T, [{K, lists:seq(1, K * 50000)} || K <- [1, 2, 3]]),
    erlang:display(lists:sort(ets:select(T, [{{'$1', '$2'}, [{'>=', {length, '$2'}, 100000}], ['$1']}]))),
    erlang:display(ets:select_count(T, [{{'_', '$2'}, [{'<', {length, '$2'}, 100000}], [true]}])),
    ok.
