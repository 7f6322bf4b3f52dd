%% Needs ETS (logger / application env): a gen_server that crashes in a
%% call (proc_lib crash report -> error_logger:get_format_depth ->
%% application:get_env -> ets) and a supervisor restarting a crashing
%% worker (supervisor report -> logger:macro_log -> ets:whereis).
%% On girder today both crash the reporting process with undef ets:*.
-module(t_app_otp_supervisor).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).
-export([start_worker/1, worker_loop/1]).

main() ->
    process_flag(trap_exit, true),
    {ok, KV} = gen_server:start_link(?MODULE, kv, []),
    ok = gen_server:call(KV, {put, a, 1}),
    {'EXIT', {{Why, _}, {gen_server, call, _}}} = catch gen_server:call(KV, {divide, 1, 0}),
    io:format("bad call: ~p~n", [Why]),
    receive {'EXIT', KV, Reason} -> io:format("kv exited: ~p~n", [element(1, Reason)]) end,
    {ok, Sup} = supervisor:start_link(?MODULE, sup),
    [{worker1, W1, worker, _}] = supervisor:which_children(Sup),
    W1 ! {square, 12, self()},
    receive {result, R1} -> io:format("worker result: ~p~n", [R1]) end,
    W1 ! crash,
    W2 = wait_restart(Sup, W1, 50),
    io:format("restarted: ~p~n", [W2 =/= W1]),
    W2 ! {square, 13, self()},
    receive {result, R2} -> io:format("worker result after restart: ~p~n", [R2]) end,
    io:format("counts: ~p~n", [supervisor:count_children(Sup)]),
    logger:error("an error report from main: ~p", [x]),
    io:format("logger call returned~n"),
    unlink(Sup),
    exit(Sup, shutdown),
    ok.

wait_restart(Sup, Old, 0) -> error({no_restart, Sup, Old});
wait_restart(Sup, Old, N) ->
    case supervisor:which_children(Sup) of
        [{worker1, New, worker, _}] when is_pid(New), New =/= Old -> New;
        _ -> receive after 10 -> wait_restart(Sup, Old, N - 1) end
    end.

init(kv) -> {ok, #{}};
init(sup) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => worker1, start => {?MODULE, start_worker, [0]}, restart => permanent,
             shutdown => 1000, type => worker}]}}.

handle_call({put, K, V}, _From, S) -> {reply, ok, S#{K => V}};
handle_call({divide, A, B}, _From, S) -> {reply, A div B, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_Reason, _State) -> ok.

start_worker(N) -> {ok, spawn_link(?MODULE, worker_loop, [N])}.

worker_loop(N) ->
    receive
        {square, X, From} -> From ! {result, X * X}, worker_loop(N + 1);
        crash -> exit(deliberate_crash)
    end.
