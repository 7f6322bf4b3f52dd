%% -on_load: the function runs (in a process of its own) before the
%% module's exports can be called; callers that arrive meanwhile wait.
-module(t_onload_ok).
-on_load(init/0).
-export([main/0, value/0]).

init() ->
    erlang:display({on_load, ?MODULE}),
    persistent_term:put({?MODULE, ran_in}, self()),
    ok.

value() -> 42.

main() ->
    erlang:display(value()),
    Other = persistent_term:get({?MODULE, ran_in}),
    erlang:display({ran_in_other_process, Other =/= self()}),
    erlang:display(is_process_alive(Other)),
    %% t_onload_slow's on_load sleeps: every caller waits for it and
    %% then gets the function's value.
    Me = self(),
    Pids = [spawn(fun() -> Me ! {self(), t_onload_slow:value(N)} end) || N <- lists:seq(1, 4)],
    erlang:display([receive {P, V} -> V end || P <- Pids]),
    erlang:display(t_onload_slow:value(10)),
    erlang:display(code:ensure_loaded(t_onload_slow)),
    erlang:display(erlang:function_exported(t_onload_slow, value, 1)),
    %% A module loaded with code:ensure_loaded runs its on_load first.
    erlang:display(code:ensure_loaded(t_onload_ens)),
    erlang:display(t_onload_ens:main()),
    ok.
