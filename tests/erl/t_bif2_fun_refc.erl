%% erlang:fun_info(F, refc): one for the module plus one per live fun
%% object of that entry (as fun_SUITE checks it), undefined for external
%% funs; fun_info_mfa/1.
-module(t_bif2_fun_refc).
-export([main/0]).

fun_factory(Const) -> fun(X) -> X + Const end.

main() ->
    F1 = fun_factory(2),
    io:format("~p~n", [erlang:fun_info(F1, refc)]),
    F2 = fun_factory(42),
    io:format("~p~n", [erlang:fun_info(F1, refc)]),
    Me = self(),
    process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> Me ! {child, erlang:fun_info(F1, refc)} end),
    receive {child, C} -> io:format("child ~p~n", [C]) end,
    receive {'EXIT', Pid, normal} -> ok end,
    receive after 1 -> ok end,
    io:format("~p~n", [erlang:fun_info(F1, refc)]),
    7 = F1(5),
    true = erlang:garbage_collect(),
    40 = F2(-2),
    io:format("~p~n", [erlang:fun_info(F2, refc)]),
    io:format("~p~n", [erlang:fun_info(fun lists:map/2, refc)]),
    F3 = fun() -> ok end,
    io:format("~p~n", [erlang:fun_info(F3, refc)]),
    io:format("~p~n", [[erlang:fun_info_mfa(F) || F <- [fun lists:map/2, fun erlang:abs/1]]]),
    {t_bif2_fun_refc, _, 0} = erlang:fun_info_mfa(F3),
    io:format("~p~n", [try erlang:fun_info_mfa(a) catch C2:R2 -> {C2, R2} end]),
    ok.
