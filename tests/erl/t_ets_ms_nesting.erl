%% Match specs nested beyond the compiler's limit: erl raises
%% system_limit from every ets function that compiles one (not badarg),
%% and match_spec_test/3 reports errors; a deep but reasonable spec runs.
-module(t_ets_ms_nesting).
-export([main/0]).

cond_of(N) when N < 0 -> true;
cond_of(N) -> {'orelse', {'==', N, '$1'}, cond_of(N - 1)}.

try_it(F) ->
    try F() of
        _ -> compiled
    catch
        C:E -> {C, E}
    end.

main() ->
    MS = [{{'$1', '$2'}, [cond_of(100)], [{{'$1', blipp}}]}],
    erlang:display(erlang:match_spec_test({1, blupp}, MS, table)),
    erlang:display(erlang:match_spec_test({200, blupp}, MS, table)),
    Deep = [{{'$1', '$2'}, [cond_of(200000)], [{{'$1', blipp}}]}],
    {error, Errs} = erlang:match_spec_test({1, blupp}, Deep, table),
    erlang:display(is_list(Errs) andalso Errs =/= []),
    erlang:display(try_it(fun() -> ets:match_spec_compile(Deep) end)),
    Set = ets:new(s, [set]),
    Ord = ets:new(o, [ordered_set]),
    Bag = ets:new(b, [bag]),
    [ets:insert(T, {1, 2}) || T <- [Set, Ord, Bag]],
    [erlang:display({T1, [try_it(fun() -> ets:select(T, Deep) end),
                          try_it(fun() -> ets:select(T, Deep, 1) end),
                          try_it(fun() -> ets:select_reverse(T, Deep) end),
                          try_it(fun() -> ets:select_count(T, Deep) end),
                          try_it(fun() -> ets:select_delete(T, Deep) end),
                          try_it(fun() -> ets:select_replace(T, Deep) end)]})
     || {T1, T} <- [{set, Set}, {ordered_set, Ord}, {bag, Bag}]],
    %% An invalid (not deep) spec is still badarg.
    erlang:display(try_it(fun() -> ets:match_spec_compile([{x, [bad_guard], []}]) end)),
    erlang:display(try_it(fun() -> ets:select(Set, [{x, [], [{bad_fun}]}]) end)),
    erlang:display(ets:select(Set, MS)),
    ok.
