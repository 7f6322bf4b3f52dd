%% pid_to_list/list_to_pid, ref_to_list/list_to_ref, port_to_list/
%% list_to_port, fun_to_list and erlang:ports/0: round trips, the text
%% BEAM accepts, and badarg cases (no raw pid or ref text is printed:
%% their numbers differ between VMs).
-module(t_bif2_pid_text).
-export([main/0]).

e(F) -> try F() catch C:R -> {C, R} end.
ok(F) -> case e(F) of {error, R} -> {error, R}; {exit, R} -> {exit, R}; _ -> ok end.

main() ->
    Me = self(),
    S = pid_to_list(Me),
    io:format("~p ~p ~p~n", [hd(S), lists:last(S), list_to_pid(S) =:= Me]),
    P2 = spawn(fun() -> ok end),
    io:format("~p~n", [list_to_pid(pid_to_list(P2)) =:= P2]),
    io:format("~p~n", [[ok(fun() -> list_to_pid(X) end)
                        || X <- ["<0.1.0>", "<00.01.00>", "<0.5.1>", "<0.32767.8191>",
                                 "<1.2.3>", "<0.1.8192>", "<0.1.0> ", " <0.1.0>", "<0.1>",
                                 "<0..0>", [$<, $0, $., 256, $., $0, $>], atom, "<-1.0.0>",
                                 [$< | $0], "<0.99999999999999999999999.0>", "", "<0.1.0>x"]]]),
    R = make_ref(),
    RS = ref_to_list(R),
    io:format("~p ~p~n", [lists:prefix("#Ref<0.", RS), list_to_ref(RS) =:= R]),
    io:format("~p~n", [[ok(fun() -> list_to_ref(X) end)
                        || X <- ["#Ref<0.1.2.3>", "#Ref<0.1.2>", "#Ref<0.1.2.3.4>", "#Ref<1.1.2.3>",
                                 "#Ref<0.4294967295.2.3>", "#Ref<0.4294967296.2.3>",
                                 "#Ref<0.1.2.3.4.5>", "#Ref<0.1>", "#ref<0.1.2.3>", x]]]),
    io:format("~p~n", [ref_to_list(list_to_ref("#Ref<0.1.2.3>"))]),
    io:format("~p~n", [[e(fun() -> list_to_port(X) end)
                        || X <- ["#Port<0.1>", "#Port<0.0>", "#Port<1.1>", "#Port<0.1.2>",
                                 "#Port<0.99999999999>", "#Port<0.268435455>", "#Port<0.268435456>",
                                 "#port<0.1>", 3]]]),
    io:format("~p~n", [port_to_list(list_to_port("#Port<0.5>"))]),
    io:format("~p~n", [is_list(erlang:ports())]),
    io:format("~p~n", [[e(fun() -> erlang:fun_to_list(X) end)
                        || X <- [a, 1, fun lists:map/2, fun 'Foo':'bar baz'/3, fun erlang:abs/1,
                                 fun a:'b-esc'/1]]]),
    F = fun(X) -> X end,
    FS = erlang:fun_to_list(F),
    io:format("~p~n", [lists:prefix("#Fun<t_bif2_pid_text.", FS)]),
    io:format("~p~n", [[e(fun() -> pid_to_list(X) end) || X <- [a, 1, R, "<0.1.0>"]]]),
    io:format("~p~n", [[e(fun() -> ref_to_list(X) end) || X <- [a, 1, Me]]]),
    io:format("~p~n", [[e(fun() -> port_to_list(X) end) || X <- [a, 1, Me]]]),
    ok.
