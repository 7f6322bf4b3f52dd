%% Purging through erts_code_purger (preloaded, OTP's own code) over
%% erts_internal:purge_module/2 and check_process_code system tasks: a
%% soft purge with a process in old code answers false and keeps it, a
%% hard purge kills it; erlang:check_process_code/2,3 see it; the same
%% through code:soft_purge/1 and code:purge/1.
-module(t_codeload_purge).
-export([main/0]).

src(V) ->
    "-module(t_clp_m).\n"
    "-export([v/0, loop/0, call/1]).\n"
    "v() -> " ++ integer_to_list(V) ++ ".\n"
    "loop() -> receive {v, From} -> From ! {self(), v()}, loop(); stop -> ok end.\n"
    "call(F) -> F(), v().\n".

forms(Src) ->
    {ok, Ts, _} = erl_scan:string(Src),
    split(Ts, [], []).

split([], [], Acc) -> lists:reverse(Acc);
split([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split(T, [], [F | Acc]);
split([X | T], Cur, Acc) -> split(T, [X | Cur], Acc).

bin(V) ->
    {ok, t_clp_m, B} = compile:forms(forms(src(V)), []),
    B.

d(T) -> erlang:display(T).

load(V) ->
    {module, t_clp_m} = erlang:load_module(t_clp_m, bin(V)).

ask(P) ->
    P ! {v, self()},
    receive {P, V} -> V end.

main() ->
    load(1),
    P = spawn(t_clp_m, loop, []),
    M = monitor(process, P),
    d({v1, ask(P)}),
    load(2),
    d({old, erlang:check_old_code(t_clp_m), t_clp_m:v()}),
    d({cpc, erlang:check_process_code(P, t_clp_m),
       erlang:check_process_code(self(), t_clp_m),
       erlang:check_process_code(P, t_clp_m, [{allow_gc, false}])}),
    d({cpc_async, erlang:check_process_code(P, t_clp_m, [{async, req1}])}),
    receive {check_process_code, req1, R} -> d({cpc_reply, R}) end,
    d({cpc_bad_opt, catch_reason(fun() ->
        erlang:check_process_code(P, t_clp_m, [bad]) end)}),
    %% Soft purge: the process runs old code, so nothing happens.
    d({soft, erts_code_purger:soft_purge(t_clp_m), is_process_alive(P),
       erlang:check_old_code(t_clp_m)}),
    d({code_soft, code:soft_purge(t_clp_m), is_process_alive(P)}),
    %% The old loop still answers with the old version.
    d({still_v1, ask(P)}),
    %% Hard purge: killed.
    d({hard, erts_code_purger:purge(t_clp_m)}),
    receive {'DOWN', M, process, P, Why} -> d({down, Why}) end,
    d({after_hard, erlang:check_old_code(t_clp_m), is_process_alive(P)}),
    d({again, erts_code_purger:purge(t_clp_m), erts_code_purger:soft_purge(t_clp_m)}),
    %% A process in old code blocks a soft purge until it ends.
    Q = spawn(t_clp_m, loop, []),
    MQ = monitor(process, Q),
    load(3),
    Q ! {v, self()},
    receive {Q, V2} -> d({q_old, V2}) end,
    d({soft_q, code:soft_purge(t_clp_m)}),
    Q ! stop,
    receive {'DOWN', MQ, process, Q, WhyQ} -> d({q_down, WhyQ}) end,
    d({soft_q_gone, code:soft_purge(t_clp_m), erlang:check_old_code(t_clp_m)}),
    %% code:purge/1 answers whether it killed someone.
    R1 = spawn(t_clp_m, loop, []),
    MR = monitor(process, R1),
    load(4),
    d({code_purge, code:purge(t_clp_m)}),
    receive {'DOWN', MR, process, R1, Why2} -> d({down2, Why2}) end,
    d({code_purge_none, code:purge(t_clp_m)}),
    %% erlang:purge_module/1 kills too.
    S = spawn(t_clp_m, loop, []),
    MS = monitor(process, S),
    load(5),
    d({purge_module, erlang:purge_module(t_clp_m)}),
    receive {'DOWN', MS, process, S, Why3} -> d({down3, Why3}) end,
    %% A soft purge with no process in old code succeeds.
    load(6),
    d({soft_free, erts_code_purger:soft_purge(t_clp_m), erlang:check_old_code(t_clp_m)}),
    ok.

catch_reason(F) ->
    try F() catch C:R -> {C, R} end.
