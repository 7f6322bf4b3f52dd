%% OTP behaviours in one program: a gen_server key-value store with
%% calls, casts and info messages, a gen_statem code lock, a registered
%% server with a call timeout whose late reply must be dropped (process
%% aliases), send_request/wait_response, and plain alias/unalias. No pids
%% are printed.
-module(t_app_otp_behaviours).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).
-export([callback_mode/0, locked/3, open/3]).

main() ->
    process_flag(trap_exit, true),
    %% ---------------- gen_server
    {ok, KV} = gen_server:start_link(?MODULE, {kv, #{seed => 1}}, []),
    ok = gen_server:call(KV, {put, a, 1}),
    ok = gen_server:call(KV, {put, b, [1, 2, 3]}),
    gen_server:cast(KV, {incr, a, 41}),
    gen_server:cast(KV, {incr, counter, 1}),
    KV ! {external, hello},
    io:format("get a: ~p~n", [gen_server:call(KV, {get, a})]),
    io:format("get missing: ~p~n", [gen_server:call(KV, {get, zzz})]),
    io:format("keys: ~p~n", [gen_server:call(KV, keys)]),
    io:format("stats: ~p~n", [gen_server:call(KV, stats)]),
    io:format("unknown call: ~p~n", [catch gen_server:call(KV, nonsense, 1000)]),
    ok = gen_server:stop(KV),
    receive {'EXIT', KV, Reason} -> io:format("kv exited: ~p~n", [Reason]) end,
    %% ---------------- gen_statem
    {ok, Lock} = gen_statem:start_link(?MODULE, {lock, [1, 2, 3]}, []),
    Presses = [1, 2, 4, 1, 2, 3, 9, 1],
    lists:foreach(fun(D) -> io:format("press ~b -> ~p~n", [D, gen_statem:call(Lock, {button, D})]) end, Presses),
    io:format("state: ~p~n", [gen_statem:call(Lock, get_state)]),
    gen_statem:cast(Lock, lock),
    io:format("state after lock: ~p~n", [gen_statem:call(Lock, get_state)]),
    ok = gen_statem:stop(Lock),
    io:format("lock stopped: ~p~n", [is_process_alive(Lock)]),
    receive {'EXIT', Lock, LockReason} -> io:format("lock exit: ~p~n", [LockReason]) end,
    %% ---------------- registered gen_server, call timeout, late reply dropped
    {ok, Named} = gen_server:start({local, t_app_kv}, ?MODULE, {kv, #{}}, []),
    ok = gen_server:call(t_app_kv, {put, x, 1}),
    io:format("named get: ~p~n", [gen_server:call(t_app_kv, {get, x})]),
    io:format("whereis matches: ~p~n", [whereis(t_app_kv) =:= Named]),
    Slow = catch gen_server:call(t_app_kv, {sleep, 150}, 30),
    io:format("slow call: ~p~n", [element(1, element(2, Slow))]),
    Stray = receive M -> {stray, M} after 300 -> none end,
    io:format("late reply after timeout: ~p~n", [Stray]),
    io:format("still serving: ~p~n", [gen_server:call(t_app_kv, {get, x})]),
    Reqs = [gen_server:send_request(t_app_kv, {get, x}) || _ <- [1, 2, 3]],
    io:format("send_request: ~p~n", [[gen_server:wait_response(R, 1000) || R <- Reqs]]),
    gen_server:cast(t_app_kv, {incr, x, 9}),
    io:format("after cast: ~p~n", [gen_server:call(t_app_kv, {get, x})]),
    ok = gen_server:stop(t_app_kv),
    io:format("registered after stop: ~p~n", [whereis(t_app_kv)]),
    %% ---------------- plain aliases
    A = alias(),
    A ! {via_alias, 1},
    receive {via_alias, N1} -> io:format("alias message ~p~n", [N1]) end,
    io:format("unalias: ~p, again: ~p~n", [unalias(A), unalias(A)]),
    A ! {via_alias, 2},
    io:format("after unalias: ~p~n", [receive {via_alias, _} = X2 -> X2 after 100 -> nothing end]),
    R1 = alias([reply]),
    R1 ! one, R1 ! two,
    io:format("reply alias: ~p~n", [[receive Y -> Y after 100 -> nothing end || _ <- [1, 2]]]),
    ok.

%% ---------------------------------------------------------------- init/1
init({kv, Initial}) -> {ok, #{data => Initial, calls => 0, casts => 0, infos => []}};
init({lock, Code}) -> {ok, locked, #{code => Code, input => [], attempts => 0}}.

%% ---------------------------------------------------------------- gen_server
handle_call({put, K, V}, _From, S = #{data := D}) -> {reply, ok, bump(calls, S#{data := D#{K => V}})};
handle_call({get, K}, _From, S = #{data := D}) -> {reply, maps:find(K, D), bump(calls, S)};
handle_call(keys, _From, S = #{data := D}) -> {reply, lists:sort(maps:keys(D)), bump(calls, S)};
handle_call(stats, _From, S) -> {reply, maps:without([data], S), S};
handle_call({divide, A, B}, _From, S) -> {reply, A div B, S};
handle_call({sleep, Ms}, _From, S) -> timer:sleep(Ms), {reply, slept, S};
handle_call(_Other, _From, S) -> {reply, {error, unknown_call}, S}.

handle_cast({incr, K, N}, S = #{data := D}) ->
    {noreply, bump(casts, S#{data := maps:update_with(K, fun(V) -> V + N end, N, D)})}.

handle_info(Msg, S = #{infos := I}) -> {noreply, S#{infos := [Msg | I]}}.

terminate(_Reason, _State) -> ok.

bump(K, S) -> maps:update_with(K, fun(X) -> X + 1 end, S).

%% ---------------------------------------------------------------- gen_statem
callback_mode() -> state_functions.

locked({call, From}, {button, D}, Data = #{code := Code, input := In, attempts := A}) ->
    In1 = In ++ [D],
    case lists:prefix(In1, Code) of
        true when In1 =:= Code ->
            {next_state, open, Data#{input := []}, [{reply, From, opened}]};
        true -> {keep_state, Data#{input := In1}, [{reply, From, {more, length(Code) - length(In1)}}]};
        false -> {keep_state, Data#{input := [], attempts := A + 1}, [{reply, From, wrong}]}
    end;
locked({call, From}, get_state, Data) -> {keep_state_and_data, [{reply, From, {locked, maps:get(attempts, Data)}}]};
locked(cast, lock, _Data) -> keep_state_and_data.

open({call, From}, {button, _}, _Data) -> {keep_state_and_data, [{reply, From, already_open}]};
open({call, From}, get_state, _Data) -> {keep_state_and_data, [{reply, From, open}]};
open(cast, lock, Data) -> {next_state, locked, Data}.
