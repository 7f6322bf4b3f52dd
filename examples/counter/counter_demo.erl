-module(counter_demo).
%% Starts the counter application, bumps the counter, crashes the server
%% on purpose (the logger prints the gen_server's error report, its crash
%% report and the supervisor's report), shows that the supervisor
%% restarted it with the configured start value, and stops the
%% application.
-export([main/0]).

main() ->
    ok = application:start(counter),
    io:format("started: ~p~n", [lists:keymember(counter, 1, application:which_applications())]),
    io:format("bump -> ~p~n", [counter_server:bump()]),
    io:format("bump -> ~p~n", [counter_server:bump()]),
    io:format("bump -> ~p~n", [counter_server:bump()]),
    Old = whereis(counter_server),
    io:format("crash -> ~p~n", [catch counter_server:crash()]),
    New = wait_restart(Old),
    settle(),
    io:format("restarted: ~p, value -> ~p~n", [New =/= Old, counter_server:value()]),
    [{counter_server, _, worker, [counter_server]}] = supervisor:which_children(counter_sup),
    ok = application:stop(counter),
    settle(),
    io:format("stopped: ~p~n", [whereis(counter_sup)]).

%% Lets the logger print the reports of what just happened before the
%% demo goes on (they come from other processes).
settle() ->
    timer:sleep(200),
    logger_std_h:filesync(default).

wait_restart(Old) ->
    case whereis(counter_server) of
        P when is_pid(P), P =/= Old -> P;
        _ -> timer:sleep(10), wait_restart(Old)
    end.
