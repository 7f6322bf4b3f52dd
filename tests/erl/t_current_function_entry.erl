-module(t_current_function_entry).
-export([main/0, spin/1, count/2]).

%% process_info of a process preempted (or suspended) at a function's
%% entry: its current function is that function, not its initial call.
main() ->
    P = spawn(?MODULE, count, [0, 0]),
    Q = spawn(fun() -> spin(0) end),
    receive after 50 -> ok end,
    [show(X) || X <- [P, Q]],
    ok.

show(P) ->
    true = erlang:suspend_process(P),
    erlang:display(process_info(P, [status, current_function, initial_call])),
    {current_location, {M, F, A, _}} = process_info(P, current_location),
    erlang:display({M, F, A}),
    {current_stacktrace, [{M1, F1, A1, _} | _]} = process_info(P, current_stacktrace),
    erlang:display({M1, F1, A1}),
    exit(P, kill).

spin(N) -> spin(N + 1).

count(N, M) when N > 1000 -> count(0, M + 1);
count(N, M) -> count(N + 1, M).
