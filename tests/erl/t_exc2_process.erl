%% Exceptions in spawned processes seen through monitors and links:
%% the 'DOWN' reason carries {Reason, Stacktrace} for errors, plain
%% reasons for exits, {nocatch, V} for throws; trap_exit turns link exits
%% into messages.
-module(t_exc2_process).
-export([main/0, id/1]).

id(X) -> X.

p(X) -> io:format("~p~n", [X]).

watch(F) ->
    {Pid, Ref} = spawn_monitor(F),
    receive
        {'DOWN', Ref, process, Pid, Reason} -> shape(Reason)
    end.

shape({R, [{M, F, A, Loc} | _]}) when is_list(Loc) ->
    {R, top, M, F, arity(A), proplists:get_value(line, Loc)};
shape(R) -> R.

arity(A) when is_list(A) -> {args, A};
arity(A) -> A.

fc(1) -> one.

main() ->
    p(watch(fun() -> ok end)),
    p(watch(fun() -> exit(id(custom)) end)),
    p(watch(fun() -> exit(id(normal)) end)),
    p(watch(fun() -> error(id(boom)) end)),
    p(watch(fun() -> throw(id(ball)) end)),
    p(watch(fun() -> fc(id(2)) end)),
    p(watch(fun() -> id(1) + id(a) end)),
    p(watch(fun() -> error(id(r), [1, 2]) end)),
    p(watch(fun() -> exit({shutdown, id(x)}) end)),
    process_flag(trap_exit, true),
    P1 = spawn_link(fun() -> exit(id(linked_reason)) end),
    receive {'EXIT', P1, R1} -> p({exit_msg, R1}) end,
    P2 = spawn_link(fun() -> error(id(linked_error)) end),
    receive {'EXIT', P2, R2} -> p({exit_msg, shape(R2)}) end,
    P3 = spawn_link(fun() -> ok end),
    receive {'EXIT', P3, R3} -> p({exit_msg, R3}) end,
    process_flag(trap_exit, false),
    %% exit/2 on another process
    P4 = spawn(fun() -> receive never -> ok end end),
    Ref = monitor(process, P4),
    exit(P4, id(killed_by_main)),
    receive {'DOWN', Ref, process, P4, R4} -> p({down, R4}) end,
    P5 = spawn(fun() -> receive never -> ok end end),
    Ref5 = monitor(process, P5),
    exit(P5, kill),
    receive {'DOWN', Ref5, process, P5, R5} -> p({down, R5}) end,
    ok.
