%% Ports: opening, data in and out, closing, exit statuses, end of file,
%% the messages a port understands, and what its owner is told.
-module(t_port_basic).
-export([main/0]).

%% Port numbers, pids and references differ from run to run (and erl
%% has ports of its own): mask them.
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

%% Collects {Port, {data, D}} until the port is gone or sends eof.
collect(P) ->
    receive
        {P, {data, D}} -> [D | collect(P)];
        {P, eof} -> [eof];
        {P, {exit_status, N}} -> [{exit_status, N} | collect(P)];
        {'EXIT', P, R} -> [{exit, R}]
    after 5000 -> [timeout]
    end.

main() ->
    process_flag(trap_exit, true),
    t(is_port, fun() -> P = open_port({spawn, "cat"}, []), R = {is_port(P), is_port(self()), is_port(foo)}, port_close(P), R end),
    t(close, fun() -> P = open_port({spawn, "cat"}, []), port_close(P) end),
    t(close_msg, fun() -> P = open_port({spawn, "cat"}, []), P ! {self(), close}, ok end),
    t(echo, fun() -> P = open_port({spawn, "echo hello"}, []), collect(P) end),
    t(echo_eof, fun() -> P = open_port({spawn, "echo hello"}, [eof]), R = collect(P), port_close(P), R end),
    t(exit3, fun() -> P = open_port({spawn, "sh -c 'exit 3'"}, [exit_status]), collect(P) end),
    t(exit3_eof, fun() -> P = open_port({spawn, "sh -c 'echo hi; exit 3'"}, [exit_status, eof]), R = collect(P), port_close(P), R end),
    t(exit_no_status, fun() -> P = open_port({spawn, "sh -c 'exit 3'"}, []), collect(P) end),
    t(signal_status, fun() -> P = open_port({spawn, "kill -9 $$"}, [exit_status]), collect(P) end),
    %% (A stream port may deliver "abc" and "def" in one message or two.)
    t(cat_list, fun() -> P = open_port({spawn, "cat"}, []), P ! {self(), {command, "abc"}}, port_command(P, [<<"de">>, $f]), R = read_list(P, 6, []), port_close(P), R end),
    t(cat_bin, fun() -> P = open_port({spawn, "cat"}, [binary]), port_command(P, "abc"), R = receive {P, X} -> X end, port_close(P), R end),
    t(cat_big, fun() ->
        P = open_port({spawn, "cat"}, [binary]),
        Data = << <<(I rem 251)>> || I <- lists:seq(1, 300000) >>,
        true = port_command(P, Data),
        Got = read_n(P, byte_size(Data), []),
        port_close(P),
        {byte_size(Got), Got =:= Data}
      end),
    t(close_flushes, fun() ->
        F = "/tmp/girder_t_port_flush_" ++ os:getpid(),
        P = open_port({spawn, "sh -c 'sleep 0.3; cat > " ++ F ++ "'"}, []),
        true = port_command(P, binary:copy(<<"abc">>, 300000)),
        {queue_size, Q} = erlang:port_info(P, queue_size),
        port_close(P),
        timer:sleep(1500),
        R = os:cmd("wc -c < " ++ F ++ "; rm -f " ++ F),
        {Q > 0, R}
      end),
    t(badsig_other, fun() -> P = open_port({spawn, "cat"}, []), spawn(fun() -> P ! {self(), {command, "x"}} end), ok end),
    t(badsig_shape, fun() -> P = open_port({spawn, "cat"}, []), P ! foo, ok end),
    t(badsig_data, fun() -> P = open_port({spawn, "cat"}, []), P ! {self(), {command, foo}}, ok end),
    t(connect_msg, fun() -> P = open_port({spawn, "cat"}, []), Me = self(), Q = spawn(fun() -> receive X -> Me ! {got, m(X)} end end), P ! {self(), {connect, Q}}, receive {P, connected} -> ok end, {erlang:port_info(P, connected) =:= {connected, Q}, port_command(P, "zz")} end),
    t(port_connect, fun() -> P = open_port({spawn, "cat"}, []), Q = spawn(fun() -> receive _ -> ok end end), R = port_connect(P, Q), {R, erlang:port_info(P, connected) =:= {connected, Q}, erlang:port_info(P, links) =:= {links, [self(), Q]}} end),
    t(connect_not_owner, fun() -> P = open_port({spawn, "cat"}, []), Me = self(), spawn(fun() -> Me ! {r, catch port_connect(P, self())} end), receive {r, R} -> {R, erlang:port_info(P, connected) =:= {connected, Me}} end end),
    t(close_not_owner, fun() -> P = open_port({spawn, "cat"}, []), Me = self(), spawn(fun() -> Me ! {r, catch port_close(P)} end), receive {r, R} -> R end end),
    t(unlinked_close, fun() -> P = open_port({spawn, "cat"}, []), unlink(P), port_close(P) end),
    t(in_only_command, fun() -> P = open_port({spawn, "sleep 1"}, [in]), port_command(P, "x") end),
    t(out_only, fun() -> P = open_port({spawn, "true"}, [out, exit_status]), timer:sleep(200), R = erlang:port_info(P, name), port_close(P), R end),
    t(stderr_to_stdout, fun() -> P = open_port({spawn, "sh -c 'echo err >&2'"}, [stderr_to_stdout]), collect(P) end),
    t(nouse_stdio, fun() -> P = open_port({spawn, "sh -c 'echo fd4 >&4'"}, [nouse_stdio, exit_status]), collect(P) end),
    ok.

read_n(_P, 0, Acc) -> iolist_to_binary(lists:reverse(Acc));
read_n(P, N, Acc) ->
    receive {P, {data, D}} -> read_n(P, N - byte_size(D), [D | Acc])
    after 5000 -> timeout
    end.

%% Output of a list-mode stream port until N characters arrived.
read_list(_P, N, Acc) when N =< 0 -> {data, lists:append(lists:reverse(Acc))};
read_list(P, N, Acc) ->
    receive {P, {data, D}} -> read_list(P, N - length(D), [D | Acc]) after 5000 -> {timeout, Acc} end.
