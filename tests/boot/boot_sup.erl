%% A supervisor with one gen_server child that crashes on request: the
%% logger's crash and supervisor reports, and the restart, as erl prints
%% them (tests/boot_cases.sh).
-module(boot_sup).
%% (Also a gen_server: no -behaviour for it, both callbacks need init/1.)
-behaviour(supervisor).
-export([main/0, init/1, start_worker/0, handle_call/3, handle_cast/2]).

main() ->
    {ok, Sup} = supervisor:start_link({local, boot_sup}, ?MODULE, sup),
    W1 = whereis(boot_worker),
    ok = gen_server:call(boot_worker, ping),
    %% A cast, so that the report has no client: the stack trace of a
    %% waiting client (process_info(Client, current_stacktrace)) is []
    %% on Girder.
    gen_server:cast(boot_worker, crash),
    wait_restart(W1),
    ok = gen_server:call(boot_worker, ping),
    logger_std_h:filesync(default),
    io:format("restarted: ~p~n", [W1 =/= whereis(boot_worker)]),
    io:format("children: ~p~n", [[{Id, Type} || {Id, _, Type, _} <- supervisor:which_children(Sup)]]),
    halt().

wait_restart(Old) ->
    case whereis(boot_worker) of
        P when is_pid(P), P =/= Old -> ok;
        _ -> timer:sleep(5), wait_restart(Old)
    end.

start_worker() ->
    gen_server:start_link({local, boot_worker}, ?MODULE, worker, []).

init(sup) ->
    {ok, {#{strategy => one_for_one, intensity => 3, period => 10},
          [#{id => worker, start => {?MODULE, start_worker, []}}]}};
init(worker) ->
    {ok, #{count => 0}}.

handle_call(ping, _From, S) ->
    {reply, ok, S};
handle_call(_, _From, S) ->
    {reply, unknown, S}.

handle_cast(crash, S) ->
    {noreply, erlang:error({crashed, S})}.
