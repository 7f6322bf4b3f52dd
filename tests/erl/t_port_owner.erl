%% Port owners, links, monitors and exit signals: a port dies with its
%% linked owner, sends {'EXIT', Port, Reason} to its links, follows
%% exit/2; monitor(port, _); no zombie children and no leaked descriptors.
-module(t_port_owner).
-export([main/0]).

m(T) when is_port(T) -> port;
m(T) when is_pid(T) -> pid;
m(T) when is_reference(T) -> ref;
m(T) when is_tuple(T) -> list_to_tuple(m(tuple_to_list(T)));
m([H | T]) -> [m(H) | m(T)];
m(T) -> T.

flush() -> receive M -> [M | flush()] after 300 -> [] end.

t(Name, F) ->
    R = (catch F()),
    erlang:display({Name, m(R), m(flush())}).

%% A process that opens a port, hands it over and waits.
owner(Cmd) ->
    Me = self(),
    Q = spawn(fun() -> P = open_port({spawn, Cmd}, []), Me ! {port, P}, receive stop -> ok; {die, R} -> exit(R) end end),
    receive {port, P} -> {Q, P} end.

fd_count() ->
    length(string:split(string:trim(os:cmd("ls /proc/" ++ os:getpid() ++ "/fd")), "\n", all)).

zombies() ->
    Out = os:cmd("ps -o stat= --ppid " ++ os:getpid()),
    length([L || L <- string:split(Out, "\n", all), lists:prefix("Z", L)]).

main() ->
    Fds = fd_count(),
    t(link_not_trapping, fun() -> P = open_port({spawn, "cat"}, []), unlink(P), port_close(P), link(P) end),
    process_flag(trap_exit, true),
    t(owner_normal_exit, fun() -> {Q, P} = owner("cat"), Q ! stop, timer:sleep(100), erlang:port_info(P) end),
    t(owner_killed, fun() -> {Q, P} = owner("cat"), link(P), exit(Q, kill), timer:sleep(100), erlang:port_info(P) end),
    t(owner_crash, fun() -> {Q, P} = owner("cat"), monitor(port, P), Q ! {die, boom}, timer:sleep(100), erlang:port_info(P) end),
    t(linked_dies, fun() -> P = open_port({spawn, "cat"}, []), spawn(fun() -> link(P), exit(boom) end), timer:sleep(100), erlang:port_info(P, name) end),
    t(linked_normal, fun() -> P = open_port({spawn, "cat"}, []), spawn(fun() -> link(P), exit(normal) end), timer:sleep(100), R = erlang:port_info(P, name), port_close(P), R end),
    t(exit_reason, fun() -> P = open_port({spawn, "cat"}, []), exit(P, boom), ok end),
    t(exit_normal_owner, fun() -> P = open_port({spawn, "cat"}, []), exit(P, normal), timer:sleep(50), erlang:port_info(P, name) end),
    t(exit_normal_other, fun() -> P = open_port({spawn, "cat"}, []), spawn(fun() -> exit(P, normal) end), timer:sleep(50), R = erlang:port_info(P, name), port_close(P), R end),
    t(exit_kill, fun() -> P = open_port({spawn, "cat"}, []), exit(P, kill), ok end),
    t(monitor, fun() -> P = open_port({spawn, "cat"}, []), R = monitor(port, P), {monitored_by, [Me]} = erlang:port_info(P, monitored_by), port_close(P), {is_reference(R), Me =:= self()} end),
    t(monitor_dead, fun() -> P = open_port({spawn, "cat"}, []), port_close(P), monitor(port, P) end),
    t(monitor_name, fun() -> P = open_port({spawn, "cat"}, []), register(pn, P), R = monitor(port, pn), port_close(P), is_reference(R) end),
    t(monitor_name_tuple, fun() -> P = open_port({spawn, "cat"}, []), register(pn2, P), monitor(port, {pn2, node()}), port_close(P), ok end),
    t(monitor_no_name, fun() -> monitor(port, no_such_name) end),
    t(monitor_proc_name, fun() -> P = open_port({spawn, "cat"}, []), register(pn3, P), R = monitor(process, pn3), port_close(P), is_reference(R) end),
    t(monitor_bad, fun() -> monitor(port, self()) end),
    t(monitor_process_port, fun() -> P = open_port({spawn, "cat"}, []), R = (catch monitor(process, P)), port_close(P), R end),
    t(demonitor, fun() -> P = open_port({spawn, "cat"}, []), R = monitor(port, P), true = demonitor(R, [flush]), port_close(P), erlang:port_info(P, monitored_by) end),
    t(down_after_data, fun() ->
        P = open_port({spawn, "echo x"}, []), R = monitor(port, P),
        receive {P, {data, D}} -> receive {'DOWN', R, port, P, Why} -> {D, Why} end end end),
    t(link_dead_port, fun() -> P = open_port({spawn, "cat"}, []), port_close(P), flush(), link(P) end),
    t(unlink_port, fun() -> P = open_port({spawn, "cat"}, []), unlink(P), R = erlang:port_info(P, links), port_close(P), R end),
    t(many_ports, fun() ->
        Ps = [open_port({spawn, "cat"}, [binary]) || _ <- lists:seq(1, 20)],
        [port_command(P, integer_to_list(I)) || {I, P} <- lists:zip(lists:seq(1, 20), Ps)],
        Got = [receive {P, {data, D}} -> D end || P <- Ps],
        [port_close(P) || P <- Ps],
        Got end),
    timer:sleep(300),
    erlang:display({zombies, zombies()}),
    erlang:display({fds_leaked, fd_count() - Fds}),
    ok.
