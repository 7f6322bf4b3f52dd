%% A system task (check_process_code, garbage_collect with {async, Ref})
%% is a signal queued behind earlier ones: after exit(P, kill) it answers
%% false, as the target is gone when it would handle it.
-module(t_cpc_signal_order).
-export([main/0]).

main() ->
    P = spawn(fun() -> receive stop -> ok end end),
    erlang:display(erlang:check_process_code(P, lists)),
    exit(P, kill),
    Ref = make_ref(),
    erlang:display(erlang:check_process_code(P, lists, [{async, Ref}])),
    erlang:display(receive {check_process_code, Ref, R} -> R after 1000 -> timeout end),
    Q = spawn(fun() -> receive stop -> ok end end),
    exit(Q, kill),
    Ref2 = make_ref(),
    erlang:display(erlang:garbage_collect(Q, [{async, Ref2}])),
    erlang:display(receive {garbage_collect, Ref2, R2} -> R2 after 1000 -> timeout end),
    %% A live one answers true.
    S = spawn(fun() -> receive stop -> ok end end),
    Ref3 = make_ref(),
    erlang:garbage_collect(S, [{async, Ref3}]),
    erlang:display(receive {garbage_collect, Ref3, R3} -> R3 after 1000 -> timeout end),
    S ! stop,
    ok.
