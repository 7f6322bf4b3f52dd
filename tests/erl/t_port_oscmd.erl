%% os:cmd/1,2 through a spawn port: output, big output, max_size,
%% stderr, exit codes, background jobs, bad arguments.
-module(t_port_oscmd).
-export([main/0]).

t(Name, F) ->
    R = (catch F()),
    erlang:display({Name, R}).

main() ->
    t(echo, fun() -> os:cmd("echo hello") end),
    t(atom, fun() -> os:cmd('echo atom') end),
    t(deep, fun() -> os:cmd(["echo ", ["a", "b"]]) end),
    t(stderr, fun() -> os:cmd("echo err >&2") end),
    t(exit_code, fun() -> os:cmd("echo before; exit 3") end),
    t(comment, fun() -> os:cmd("echo x # comment") end),
    t(cd_builtin, fun() -> os:cmd("cd /usr && pwd") end),
    t(stdin_closed, fun() -> os:cmd("cat") end),
    t(big, fun() -> L = os:cmd("seq 1 200000"), {length(L), erlang:phash2(L), lists:sublist(L, 12)} end),
    t(big_bytes, fun() -> L = os:cmd("head -c 1000000 /dev/zero | tr '\\0' 'a'"), {length(L), lists:usort(L)} end),
    t(max_size, fun() -> os:cmd("seq 1 100000", #{max_size => 20}) end),
    t(max_size_big, fun() -> length(os:cmd("seq 1 100000", #{max_size => 100000})) end),
    t(max_size_inf, fun() -> length(os:cmd("seq 1 1000", #{max_size => infinity})) end),
    t(utf8, fun() -> os:cmd("printf 'h\\303\\251'") end),
    t(latin1, fun() -> os:cmd("printf 'h\\351'") end),
    t(background, fun() -> os:cmd("sleep 0.2 & echo started") end),
    t(bad_arg, fun() -> os:cmd(42) end),
    t(bad_opts, fun() -> os:cmd("echo", [foo]) end),
    t(many, fun() -> [os:cmd("echo " ++ integer_to_list(I)) || I <- lists:seq(1, 30)] end),
    t(ports_left, fun() -> [P || P <- erlang:ports(), erlang:port_info(P, name) =:= {name, "/bin/sh -s unix:cmd"}] end),
    ok.
