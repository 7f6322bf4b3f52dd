%% process_info of another process: current_function, current_location
%% and current_stacktrace show where it waits (its function and callers),
%% not where it started; system_flag(outstanding_system_requests_limit).
-module(t_pinfo_other_stack).
-export([main/0, waiter/1]).

main() ->
    Me = self(),
    P = spawn(fun() -> outer(Me) end),
    receive ready -> ok end,
    erlang:display(process_info(P, current_function)),
    {current_location, {M, F, A, Loc}} = process_info(P, current_location),
    erlang:display({M, F, A, proplists:get_value(file, Loc)}),
    {current_stacktrace, Stack} = process_info(P, current_stacktrace),
    erlang:display([{Mo, Fu, Ar} || {Mo, Fu, Ar, _} <- Stack]),
    erlang:display([is_integer(proplists:get_value(line, L)) || {_, _, _, L} <- Stack]),
    P ! go,
    %% A process that has not run yet is at its initial call.
    Q = spawn(?MODULE, waiter, [x]),
    erlang:display(process_info(Q, current_function)),
    exit(Q, kill),
    Old = erlang:system_flag(outstanding_system_requests_limit, 7),
    erlang:display({is_integer(Old), erlang:system_info(outstanding_system_requests_limit)}),
    erlang:system_flag(outstanding_system_requests_limit, Old),
    erlang:display([catch erlang:system_flag(outstanding_system_requests_limit, V) || V <- [0, -1, 1 bsl 27, x]]),
    ok.

outer(Me) ->
    R = middle(Me),
    [R].

middle(Me) ->
    X = waiter(Me),
    {X}.

waiter(Me) ->
    Me ! ready,
    receive go -> 1 end.
