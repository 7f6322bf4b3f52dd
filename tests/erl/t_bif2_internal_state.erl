%% erts_debug:set_internal_state/2 and get_internal_state/1: undef until
%% enabled, reds_left, {atom, N}, force_gc, badarg.
-module(t_bif2_internal_state).
-export([main/0]).

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    io:format("~p~n", [e(fun() -> erts_debug:get_internal_state(reds_left) end)]),
    io:format("~p~n", [e(fun() -> erts_debug:set_internal_state(reds_left, 10) end)]),
    io:format("~p~n", [erts_debug:set_internal_state(available_internal_state, true)]),
    io:format("~p~n", [erts_debug:set_internal_state(available_internal_state, true)]),
    io:format("~p~n", [erts_debug:get_internal_state(available_internal_state)]),
    R = erts_debug:get_internal_state(reds_left),
    io:format("~p~n", [is_integer(R) andalso R > 0 andalso R =< 4000]),
    true = erts_debug:set_internal_state(reds_left, 100),
    R2 = erts_debug:get_internal_state(reds_left),
    io:format("~p~n", [R2 =< 100]),
    io:format("~p~n", [[erts_debug:set_internal_state(reds_left, X) || X <- [-1, 5000, 4000]]]),
    io:format("~p~n", [e(fun() -> erts_debug:set_internal_state(reds_left, a) end)]),
    io:format("~p~n", [erts_debug:get_internal_state({atom, 1})]),
    io:format("~p~n", [erts_debug:set_internal_state(force_gc, self())]),
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    io:format("~p~n", [erts_debug:set_internal_state(force_gc, Dead)]),
    io:format("~p~n", [[e(fun() -> erts_debug:get_internal_state(X) end) || X <- [bogus, {bogus, 1}, 1]]]),
    io:format("~p~n", [e(fun() -> erts_debug:set_internal_state(bogus, 1) end)]),
    io:format("~p~n", [erts_debug:set_internal_state(available_internal_state, false)]),
    io:format("~p~n", [e(fun() -> erts_debug:get_internal_state(available_internal_state) end)]),
    ok.
