-module(t_fun_refc_ets).
-export([main/0]).

%% fun_info(F, refc) counts the copies of a fun that ETS tables hold
%% (one per stored object, of every table type), besides the copies on
%% process heaps and the module's own reference.
main() ->
    F = fun(X) -> X + 33 end,
    erlang:display({start, refc(F)}),
    [erlang:display({T, run(F, T)}) || T <- [set, ordered_set, bag, duplicate_bag]],
    %% A copy inside a nested term of a stored object, and in two tables.
    T1 = ets:new(t1, []),
    T2 = ets:new(t2, [bag]),
    true = ets:insert(T1, {k, [{deep, F}, F]}),
    true = ets:insert(T2, [{k, F}, {k2, #{f => F}}]),
    erlang:display({nested, refc(F)}),
    true = ets:delete(T1),
    erlang:display({one_left, refc(F)}),
    true = ets:delete(T2),
    erlang:display({none_left, refc(F)}),
    ok.

run(F1, Type) ->
    Tab = ets:new(kalle, [Type]),
    true = ets:insert(Tab, {a_key, F1}),
    A = refc(F1),
    [{a_key, F3}] = ets:lookup(Tab, a_key),
    B = refc(F1),
    true = ets:insert(Tab, {a_key, not_a_fun}),
    C = refc(F1),
    true = ets:insert(Tab, {another_key, F1}),
    D = refc(F1),
    true = ets:delete(Tab),
    E = refc(F1),
    10 = F3(-23),
    true = erlang:garbage_collect(),
    G = refc(F1),
    [A, B, C, D, E, G].

refc(F) ->
    {refc, N} = erlang:fun_info(F, refc),
    N.
