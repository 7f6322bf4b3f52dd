%% Processes that die with errors, throws and exits must not affect the
%% rest of the system (the runtime reports them, the program goes on).
-module(t_proc_crash).
-export([main/0, id/1, crash_arith/1]).

id(X) -> X.

crash_arith(X) -> X div id(0).

main() ->
    Self = self(),
    spawn(fun() -> Self ! before_crash, _ = id(1) + id(a) end),
    receive before_crash -> erlang:display(child_started) end,
    spawn(?MODULE, crash_arith, [5]),
    spawn(fun() -> throw(id(uncaught)) end),
    spawn(fun() -> exit(id(normal)) end),
    spawn(fun() -> exit(id(custom_reason)) end),
    spawn(fun() -> {ok, _} = id(error) end),
    spawn(no_such_module_abc, start, []),
    %% give them time to die
    receive after 200 -> ok end,
    erlang:display(still_alive),
    %% a crashing worker between two healthy ones
    Ws = [spawn(fun() -> receive {go, From} -> From ! {ok, 10 div (2 - I)} end end)
          || I <- [1, 2, 3]],
    [W ! {go, Self} || W <- Ws],
    R1 = receive {ok, V1} -> V1 after 1000 -> none end,
    R2 = receive {ok, V2} -> V2 after 1000 -> none end,
    R3 = receive {ok, V3} -> V3 after 300 -> none end,
    erlang:display(lists:sort([R1, R2, R3])),
    %% sending to a dead process is fine
    Dead = spawn(fun() -> ok end),
    receive after 50 -> ok end,
    Dead ! hello,
    erlang:display(sent_to_dead),
    ok.
