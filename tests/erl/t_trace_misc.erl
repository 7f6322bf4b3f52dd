%% Odds and ends: send, receive timeouts, records, list operators,
%% boolean operators, conversion BIFs, and the traces of spawned processes
%% whose initial call is a BIF, undefined or erlang:error itself.
-module(t_trace_misc).
-export([main/0, id/1]).
-record(r, {a}).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, R}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

watch(Name, P) ->
    receive
        {'EXIT', P, R} -> erlang:display({Name, R})
    end.

main() ->
    show(send, fun() -> {id(nopid) ! x} end),
    show(timeout, fun() -> receive after id(x) -> ok end end),
    show(badrecord, fun() -> R = id({q}), {R#r.a} end),
    show(badrecord_update, fun() -> R = id({q}), {R#r{a = 1}} end),
    show(plusplus, fun() -> {id([1 | 2]) ++ [3]} end),
    show(minusminus, fun() -> {id(x) -- [3]} end),
    show('and', fun() -> {id(1) and true} end),
    show('not', fun() -> {not id(1)} end),
    show('andalso', fun() -> {id(1) andalso true} end),
    show(size, fun() -> {size(id(x))} end),
    show(float, fun() -> {float(id(a))} end),
    show(round, fun() -> {round(id(a))} end),
    show(trunc_tail, fun() -> trunc(id(a)) end),
    show(binary_to_atom, fun() -> {binary_to_atom(id(<<255, 255>>), utf8)} end),
    show(list_to_binary, fun() -> {list_to_binary(id([300]))} end),
    show(integer_to_list, fun() -> {integer_to_list(10, id(99))} end),
    show(tuple_to_list, fun() -> {tuple_to_list(id(x))} end),
    show(maps_get, fun() -> M = id(maps), {M:get(k, #{})} end),
    show(maps_update, fun() -> {maps:update(k, 1, id(#{}))} end),
    process_flag(trap_exit, true),
    watch(spawn_bif, spawn_link(erlang, element, [5, {}])),
    watch(spawn_undef, spawn_link(no_such_module_q, f, [1])),
    watch(spawn_no_fn, spawn_link(?MODULE, nofn, [])),
    watch(spawn_arity, spawn_link(?MODULE, id, [])),
    watch(spawn_error, spawn_link(erlang, error, [foo])),
    watch(spawn_error2, spawn_link(erlang, error, [foo, [1]])),
    watch(spawn_throw, spawn_link(erlang, throw, [foo])),
    watch(spawn_fun, spawn_link(fun() -> {[] = id(x)} end)),
    ok.
