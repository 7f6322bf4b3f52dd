-module(t_trace_global_local).
-export([main/0, fact/1, twice/1, loop/1, helper/1, run/1]).

%% A global call-trace pattern reports remote calls (M:F(...), apply,
%% fun M:F/A, spawn) of an exported function only, never its local calls
%% from inside the module; a local pattern reports both.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

twice(X) -> helper(X) + ?MODULE:helper(X).

helper(X) -> X * 2.

loop(0) -> done;
loop(N) -> loop(N - 1).

run(F) -> F(3).

collect() ->
    receive
        {trace, _, call, {M, F, A}} -> [{call, M, F, A} | collect()];
        {trace, _, return_from, MFA, R} -> [{return_from, MFA, R} | collect()];
        {trace, _, Tag, _} -> [Tag | collect()];
        {trace, _, Tag, _, _} -> [Tag | collect()]
    after 100 -> []
    end.

%% Runs F in a fresh process traced with `call`; displays the events.
traced(Name, F) ->
    Self = self(),
    P = spawn(fun() -> receive go -> ok end, R = F(), Self ! {done, R} end),
    1 = erlang:trace(P, true, [call]),
    P ! go,
    R = receive {done, X} -> X end,
    erlang:display({Name, R, collect()}).

main() ->
    erlang:display(erlang:trace_pattern({?MODULE, '_', '_'}, true, [global])),
    traced(remote_recursive, fun() -> ?MODULE:fact(4) end),
    traced(local_and_remote, fun() -> ?MODULE:twice(5) end),
    traced(tail_loop, fun() -> ?MODULE:loop(3) end),
    traced(apply, fun() -> apply(?MODULE, fact, [2]) end),
    traced(ext_fun, fun() -> F = fun ?MODULE:helper/1, F(7) end),
    traced(ext_fun_arg, fun() -> ?MODULE:run(fun ?MODULE:helper/1) end),
    traced(local_fun, fun() -> F = fun helper/1, F(8) end),
    traced(lists_map, fun() -> lists:map(fun ?MODULE:helper/1, [1, 2]) end),
    %% A match spec with return_trace: only the remote call's frame.
    erlang:trace_pattern({?MODULE, fact, 1}, [{'_', [], [{return_trace}]}], [global]),
    traced(return_trace, fun() -> ?MODULE:fact(3) end),
    %% Local tracing reports every call.
    erlang:display(erlang:trace_pattern({?MODULE, fact, '_'}, true, [local])),
    erlang:display(erlang:trace_pattern({?MODULE, helper, '_'}, true, [local])),
    traced(local_pattern, fun() -> ?MODULE:fact(3) end),
    traced(local_pattern_twice, fun() -> ?MODULE:twice(1) end),
    %% Back to global, then off.
    erlang:display(erlang:trace_pattern({?MODULE, '_', '_'}, true, [global])),
    traced(global_again, fun() -> ?MODULE:loop(2) end),
    %% Global tracing on another module's function called in a loop.
    erlang:display(erlang:trace_pattern({lists, reverse, 1}, true, [global])),
    traced(lists_reverse, fun() -> lists:reverse([1, 2, 3]) end),
    %% A process spawned at M:F/A starts with a remote call.

    erlang:trace(self(), true, [call, set_on_spawn]),
    P = spawn(?MODULE, loop, [2]),
    Ref = monitor(process, P),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    erlang:trace(self(), false, [call, set_on_spawn]),
    erlang:display({spawned, [E || E <- collect(), E =/= return_from]}),

    erlang:display(is_integer(erlang:trace_pattern({'_', '_', '_'}, false, [global]))),
    erlang:display(is_integer(erlang:trace_pattern({'_', '_', '_'}, false, [local]))),
    traced(off, fun() -> ?MODULE:fact(2) end),
    ok.
