%% A spawned process that fails exits with {Reason, Trace} (error) or
%% Reason (exit; a throw becomes {{nocatch, V}, Trace}); a linked process
%% trapping exits sees it. The bottom of a spawned process's trace is its
%% initial call.
-module(t_trace_spawn).
-export([main/0, id/1, start/1]).

id(X) -> X.

start(badmatch) -> {ok} = id(bad);
start(badarg) -> {atom_to_list(id(1))};
start(throw) -> throw(id(ball));
start(exit) -> exit(id(gone));
start(deep) -> {deep(id(3))};
start(clause) -> clause(id(q)).

deep(0) -> 1 + id(a);
deep(N) -> [deep(N - 1)].

clause(a) -> a.

watch(Name, Fun) ->
    Pid = spawn_link(Fun),
    receive
        {'EXIT', Pid, Reason} -> erlang:display({Name, Reason})
    end.

main() ->
    process_flag(trap_exit, true),
    watch(badmatch, fun() -> start(badmatch) end),
    watch(badarg, fun() -> start(badarg) end),
    watch(throw, fun() -> start(throw) end),
    watch(exit, fun() -> start(exit) end),
    watch(deep, fun() -> start(deep) end),
    watch(clause, fun() -> start(clause) end),
    P = spawn_link(?MODULE, start, [deep]),
    receive {'EXIT', P, Why} -> erlang:display({mfa, Why}) end,
    P2 = spawn_link(?MODULE, start, [clause]),
    receive {'EXIT', P2, Why2} -> erlang:display({mfa_clause, Why2}) end,
    ok.
