-module(t_otp_app).
%% An OTP application started from its .app file: application
%% load/start/stop/get_env/get_key, a supervision tree (one_for_one
%% supervisor, gen_server worker), a crash and its restart with the
%% gen_server's error report, proc_lib's crash report and the
%% supervisor's report (run_diff.sh compares stderr, where the logger
%% writes), the supervisor giving up after too many restarts and the
%% application exiting, timer:apply_after/send_interval/send_after/cancel
%% (a timer-applied function that crashes is reported) and os:cmd.
-behaviour(application).
-behaviour(supervisor).
%% (and a gen_server: init/1 serves both behaviours)
-export([main/0]).
-export([start/2, stop/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).
-export([start_sup/0, start_srv/1]).

-define(APP, t_otp_app_demo).

main() ->
    {ok, Cwd} = file:get_cwd(),
    Dir = filename:join(Cwd, "app_ebin"),
    ok = filelib:ensure_dir(filename:join(Dir, "x")),
    App = {application, ?APP,
           [{description, "differential test application"},
            {vsn, "1.2.3"},
            {modules, [?MODULE]},
            {registered, [t_otp_sup, t_otp_srv]},
            {applications, [kernel, stdlib]},
            {mod, {?MODULE, app}},
            {env, [{start, 5}, {label, "demo"}]}]},
    ok = file:write_file(filename:join(Dir, atom_to_list(?APP) ++ ".app"),
                         io_lib:format("~p.~n", [App])),
    true = code:add_patha(Dir),
    p(application:load(?APP)),
    p(application:load(?APP)),
    p(application:get_env(?APP, start)),
    p(application:get_env(?APP, missing)),
    p(lists:sort(application:get_all_env(?APP))),
    p(application:get_key(?APP, vsn)),
    p(application:get_key(?APP, registered)),
    p(application:start(?APP)),
    p(application:start(?APP)),
    p(lists:keyfind(?APP, 1, application:which_applications())),
    p(application:get_application(whereis(t_otp_srv))),
    p([{Id, Type, Mods} || {Id, _, Type, Mods} <- supervisor:which_children(t_otp_sup)]),
    p(supervisor:count_children(t_otp_sup)),
    p(gen_server:call(t_otp_srv, get)),
    gen_server:cast(t_otp_srv, {add, 3}),
    p(gen_server:call(t_otp_srv, get)),
    %% A crash: the supervisor restarts the server with its start value.
    Old = whereis(t_otp_srv),
    gen_server:cast(t_otp_srv, crash),
    New = wait_restart(Old),
    p(New =/= Old),
    p(gen_server:call(t_otp_srv, get)),
    sync_logger(),
    %% A server that exits normally is restarted silently (permanent).
    Old2 = whereis(t_otp_srv),
    gen_server:cast(t_otp_srv, stop),
    wait_restart(Old2),
    p(gen_server:call(t_otp_srv, get)),
    sync_logger(),
    timers(),
    commands(),
    p(application:stop(?APP)),
    sync_logger(),
    p(whereis(t_otp_sup)),
    p(lists:keymember(?APP, 1, application:which_applications())),
    %% Too many restarts: the supervisor gives up, the application exits.
    p(application:start(?APP)),
    process_flag(trap_exit, true),
    crash_until_gone(0),
    wait_gone(t_otp_sup),
    sync_logger(),
    p(lists:keymember(?APP, 1, application:which_applications())),
    p(application:unload(?APP)),
    p(application:start(t_otp_no_such_app)),
    sync_logger().

timers() ->
    Self = self(),
    {ok, _} = timer:apply_after(20, erlang, send, [Self, applied]),
    p(receive applied -> applied after 5000 -> timeout end),
    {ok, TRef} = timer:send_interval(10, tick),
    p([receive tick -> tick after 5000 -> timeout end || _ <- [1, 2, 3]]),
    p(timer:cancel(TRef)),
    flush(tick),
    {ok, T2} = timer:send_after(60000, never),
    p(timer:cancel(T2)),
    p(timer:cancel(not_a_timer)),
    %% The applied function crashes in a process of its own: reported.
    {ok, _} = timer:apply_after(1, ?MODULE, no_such_function, [x]),
    timer:sleep(100),
    sync_logger(),
    p(timer:tc(fun() -> ok end) =/= error).

commands() ->
    p(os:cmd("echo hello; echo world")),
    p(os:cmd("printf 'a\\nb'")),
    p(os:cmd("exit 3")),
    p(os:cmd("echo $((6 * 7))")),
    p(length(os:cmd("yes | head -n 5000"))).

p(X) -> io:format("~p~n", [X]).

wait_restart(Old) ->
    case whereis(t_otp_srv) of
        P when is_pid(P), P =/= Old -> P;
        _ -> timer:sleep(5), wait_restart(Old)
    end.

wait_gone(Name) ->
    case whereis(Name) of
        undefined -> ok;
        _ -> timer:sleep(5), wait_gone(Name)
    end.

crash_until_gone(N) when N > 10 -> too_many;
crash_until_gone(N) ->
    case whereis(t_otp_srv) of
        undefined -> N;
        P ->
            gen_server:cast(P, crash),
            wait_dead(P),
            sync_logger(),
            crash_until_gone(N + 1)
    end.

wait_dead(P) ->
    case is_process_alive(P) of
        true -> timer:sleep(5), wait_dead(P);
        false -> ok
    end.

flush(M) ->
    receive M -> flush(M) after 50 -> ok end.

sync_logger() ->
    timer:sleep(50),
    logger_std_h:filesync(default).

%% application
start(normal, app) -> start_sup().
stop(_) -> ok.

%% supervisor and gen_server
start_sup() -> supervisor:start_link({local, t_otp_sup}, ?MODULE, sup).
start_srv(V) -> gen_server:start_link({local, t_otp_srv}, ?MODULE, {srv, V}, []).

init(sup) ->
    {ok, V} = application:get_env(?APP, start),
    {ok, {#{strategy => one_for_one, intensity => 2, period => 3600},
          [#{id => srv, start => {?MODULE, start_srv, [V]}}]}};
init({srv, V}) ->
    {ok, V}.

handle_call(get, _From, N) -> {reply, N, N}.

handle_cast({add, K}, N) -> {noreply, N + K};
handle_cast(stop, N) -> {stop, normal, N};
handle_cast(crash, N) -> {noreply, N + list_to_integer(id("x"))}.

id(X) -> X.

handle_info(_, N) -> {noreply, N}.

terminate(_, _) -> ok.
