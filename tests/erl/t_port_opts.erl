%% open_port options and their errors: packet and line framing, env, cd,
%% args/arg0, binary, bad options, missing or forbidden executables.
-module(t_port_opts).
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

collect(P) ->
    receive
        {P, {data, D}} -> [D | collect(P)];
        {P, eof} -> [eof];
        {P, {exit_status, N}} -> [{exit_status, N} | collect(P)];
        {'EXIT', P, R} -> [{exit, R}]
    after 5000 -> [timeout]
    end.

%% Opens and closes at once: the error, or ok.
o(Name, PN, Opts) ->
    t(Name, fun() -> P = open_port(PN, Opts), unlink(P), catch port_close(P), ok end).

main() ->
    process_flag(trap_exit, true),
    o(bad_opts, {spawn, "cat"}, foo),
    o(bad_opt, {spawn, "cat"}, [foo]),
    o(improper, {spawn, "cat"}, [binary | foo]),
    o(bad_packet, {spawn, "cat"}, [{packet, 3}]),
    o(bad_line, {spawn, "cat"}, [{line, 0}]),
    o(bad_line2, {spawn, "cat"}, [{line, -1}]),
    o(bad_name, {spawn}, []),
    o(string_name, "cat", []),
    o(binary_name, <<"cat">>, []),
    o(empty_cmd, {spawn, ""}, []),
    o(bad_cmd, {spawn, 42}, []),
    o(missing_exec, {spawn_executable, "/nonexistent/x"}, []),
    o(relative_exec, {spawn_executable, "no_such_program_here"}, []),
    o(eacces, {spawn_executable, "/etc/passwd"}, []),
    o(args_bad, {spawn_executable, "/bin/echo"}, [{args, foo}]),
    o(args_with_spawn, {spawn, "cat"}, [{args, ["x"]}]),
    o(arg0_bad, {spawn_executable, "/bin/cat"}, [{arg0, 1}]),
    o(env_bad, {spawn, "cat"}, [{env, foo}]),
    o(env_bad2, {spawn, "cat"}, [{env, [{"A"}]}]),
    o(cd_bad, {spawn, "cat"}, [{cd, 1}]),
    o(fd_negative, {fd, -1, 1}, []),
    o(spawn_driver, {spawn_driver, "nonexist"}, []),
    o(parallelism_bad, {spawn, "cat"}, [{parallelism, 1}]),
    o(accepted, {spawn, "cat"}, [{parallelism, true}, hide, overlapped_io, use_stdio, stream,
                                 {busy_limits_port, {10, 20}}, {busy_limits_msgq, disabled}, in, out]),
    o(bin_cmd, {spawn, <<"cat">>}, []),
    o(atom_cmd, {spawn, cat}, []),
    o(exec_bin, {spawn_executable, <<"/bin/cat">>}, []),
    o(exec_atom, {spawn_executable, '/bin/cat'}, []),
    t(dir_exec, fun() -> P = open_port({spawn_executable, "/tmp"}, [exit_status]), collect(P) end),
    t(packet2, fun() -> P = open_port({spawn, "cat"}, [{packet, 2}]), port_command(P, "hello"), port_command(P, <<>>), R = [receive X -> X end, receive Y -> Y end], port_close(P), R end),
    t(packet4_bin, fun() -> P = open_port({spawn, "cat"}, [{packet, 4}, binary]), port_command(P, [<<"ab">>, "cd"]), R = receive X -> X end, port_close(P), R end),
    t(packet1_big, fun() -> P = open_port({spawn, "cat"}, [{packet, 1}]), port_command(P, lists:duplicate(300, $a)) end),
    t(packet_from_child, fun() -> P = open_port({spawn, "printf '\\000\\003abc\\000\\001z'"}, [{packet, 2}, binary]), collect(P) end),
    t(line, fun() -> P = open_port({spawn, "printf 'ab\\ncdefgh\\nij'"}, [{line, 3}]), collect(P) end),
    t(line_bin_eof, fun() -> P = open_port({spawn, "printf 'ab\\ncdefgh\\nij'"}, [{line, 3}, binary, eof]), R = collect(P), port_close(P), R end),
    t(line_crlf, fun() -> P = open_port({spawn, "printf 'ab\\r\\ncd\\n'"}, [{line, 10}]), collect(P) end),
    t(env, fun() -> P = open_port({spawn, "sh -c 'echo $GIRDER_T-${GIRDER_U-unset}'"}, [{env, [{"GIRDER_T", "bar"}, {"GIRDER_U", false}]}]), collect(P) end),
    t(cd, fun() -> P = open_port({spawn, "pwd"}, [{cd, "/usr"}]), collect(P) end),
    t(args, fun() -> P = open_port({spawn_executable, "/bin/sh"}, [{args, ["-c", "echo $0 $1 $2", "a b", <<"c">>]}, {arg0, "zz"}]), collect(P) end),
    t(exec_status, fun() -> P = open_port({spawn_executable, "/bin/sh"}, [{args, ["-c", "exit 7"]}, exit_status]), collect(P) end),
    t(unicode_arg, fun() -> P = open_port({spawn_executable, "/bin/echo"}, [{args, ["h\x{e9}llo"]}, binary]), collect(P) end),
    ok.
