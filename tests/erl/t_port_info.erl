%% port_info/1,2, erlang:ports/0, port identifiers as terms (printing,
%% ordering, external format), registered ports, port_set_data/get_data.
-module(t_port_info).
-export([main/0]).

m(T) when is_port(T) -> port;
m(T) when is_pid(T) -> pid;
m(T) when is_reference(T) -> ref;
m(T) when is_tuple(T) -> list_to_tuple(m(tuple_to_list(T)));
m([H | T]) -> [m(H) | m(T)];
m(T) -> T.

flush() -> receive M -> [M | flush()] after 200 -> [] end.

t(Name, F) ->
    R = (catch F()),
    erlang:display({Name, m(R), m(flush())}).

%% Values that differ per run (ids, os pids, memory) become their type.
shape({id, N}) when is_integer(N) -> {id, int};
shape({os_pid, N}) when is_integer(N), N > 0 -> {os_pid, int};
shape({memory, N}) when is_integer(N), N > 0 -> {memory, int};
shape(X) -> m(X).

items() ->
    [id, name, connected, links, input, output, os_pid, monitors, monitored_by,
     memory, queue_size, locking, parallelism, registered_name].

main() ->
    process_flag(trap_exit, true),
    t(info1, fun() -> P = open_port({spawn, "cat"}, []), I = erlang:port_info(P), port_close(P), [shape(X) || X <- I] end),
    t(info2, fun() -> P = open_port({spawn, "cat"}, [{parallelism, true}]), I = [shape(erlang:port_info(P, K)) || K <- items()], port_close(P), I end),
    t(io_counts, fun() ->
        P = open_port({spawn, "cat"}, []),
        port_command(P, "hello"), receive {P, {data, _}} -> ok end,
        R = {erlang:port_info(P, input), erlang:port_info(P, output), erlang:port_info(P, queue_size)},
        port_close(P), R end),
    t(self_links, fun() -> P = open_port({spawn, "cat"}, []), {links, L} = erlang:port_info(P, links), {links, PL} = process_info(self(), links), R = {L =:= [self()], lists:member(P, PL)}, port_close(P), R end),
    t(closed, fun() -> P = open_port({spawn, "cat"}, []), port_close(P), {erlang:port_info(P), erlang:port_info(P, name), lists:member(P, erlang:ports())} end),
    t(unknown_name, fun() -> {erlang:port_info(no_such_port), erlang:port_info(no_such_port, id)} end),
    t(bad_item, fun() -> P = open_port({spawn, "cat"}, []), erlang:port_info(P, foo) end),
    t(bad_type, fun() -> erlang:port_info(self(), id) end),
    t(bad_type1, fun() -> erlang:port_info(self()) end),
    t(ports, fun() -> P = open_port({spawn, "cat"}, []), R = lists:member(P, erlang:ports()), port_close(P), {R, lists:member(P, erlang:ports())} end),
    t(registered, fun() ->
        P = open_port({spawn, "cat"}, []),
        true = register(my_port, P),
        R = {erlang:port_info(P, registered_name), whereis(my_port) =:= P, erlang:port_info(my_port, name),
             [K || {K, _} <- erlang:port_info(P)], lists:member(my_port, registered())},
        my_port ! {self(), close},
        receive {P, closed} -> ok end,
        {R, whereis(my_port)} end),
    t(unregister, fun() -> P = open_port({spawn, "cat"}, []), register(rp1, P), R = {unregister(rp1), whereis(rp1), erlang:port_info(P, registered_name)}, port_close(P), R end),
    t(command_by_name, fun() -> P = open_port({spawn, "cat"}, []), register(rp3, P), port_command(rp3, "x"), R = receive {P, D} -> D end, port_close(rp3), R end),
    t(text, fun() -> P = open_port({spawn, "cat"}, []), S = port_to_list(P), R = {lists:prefix("#Port<0.", S), list_to_port(S) =:= P, io_lib:format("~p", [P]) == S}, port_close(P), R end),
    t(text_bad, fun() -> [catch port_to_list(self()), catch list_to_port("#Port<1.2>"), catch list_to_port("foo")] end),
    t(order, fun() ->
        P = open_port({spawn, "cat"}, []), Q = open_port({spawn, "cat"}, []),
        R = {P < Q, 1 < P, foo < P, make_ref() < P, P < self(), P < {}, lists:sort([self(), P, make_ref(), 3, foo]) =:= [3, foo, make_ref(), P, self()]},
        port_close(P), port_close(Q), R end),
    t(ext_format, fun() ->
        P = open_port({spawn, "cat"}, []),
        B = term_to_binary(P),
        R = {binary_to_term(B) =:= P, binary:part(B, 0, 2), byte_size(B), erlang:phash2(P) =:= erlang:phash2(binary_to_term(B))},
        port_close(P), R end),
    t(set_get_data, fun() ->
        P = open_port({spawn, "cat"}, []),
        R = {erlang:port_get_data(P), erlang:port_set_data(P, {a, [1, <<"bin">>]}), erlang:port_get_data(P), erlang:port_set_data(P, 2), erlang:port_get_data(P)},
        port_close(P), {R, catch erlang:port_get_data(P)} end),
    t(data_bad, fun() -> [catch erlang:port_set_data(foo, 1), catch erlang:port_get_data(self())] end),
    t(control_call, fun() -> P = open_port({spawn, "cat"}, []), R = [catch port_control(P, 0, []), catch erlang:port_call(P, 0, []), catch erlang:port_call(P, [])], port_close(P), R end),
    t(command_errors, fun() ->
        P = open_port({spawn, "cat"}, []),
        R = [catch port_command(foo, "x"), catch port_command(self(), "x"), catch port_command(P, foo),
             catch port_command(P, "x", [foo]), catch port_command(P, "x", bar), catch port_command(P, "x", [force]),
             port_command(P, "y", [nosuspend])],
        port_close(P), {R, catch port_command(P, "x"), catch port_close(P), catch port_close(foo)} end),
    t(connect_errors, fun() ->
        P = open_port({spawn, "cat"}, []),
        Q = spawn(fun() -> ok end), timer:sleep(50),
        R = [catch port_connect(P, foo), catch port_connect(P, Q), catch port_connect(foo, self())],
        port_close(P), R end),
    ok.
