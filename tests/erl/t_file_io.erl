%% Opened files: file_io_server (file:open/2) and raw files: read, write,
%% read_line, position, pread, pwrite, truncate, sync, close; a handle is
%% closed when its owner dies.
-module(t_file_io).
-export([main/0]).

main() ->
    D = "/tmp/t_file_io_" ++ os:getpid(),
    ok = file:make_dir(D),
    F = filename:join(D, "f"),
    [run(F, Modes) || Modes <- [[], [raw], [binary], [raw, binary], [read_ahead], [raw, read_ahead, binary]]],
    owner_death(F),
    ok = file:delete(F),
    ok = file:del_dir(D),
    ok.

run(F, Extra) ->
    erlang:display({modes, Extra}),
    {ok, W} = file:open(F, [write | Extra]),
    erlang:display(file:write(W, ["line one\n", <<"line two\n">>, "three"])),
    erlang:display(file:position(W, cur)),
    erlang:display(file:pwrite(W, 5, "ONE")),
    erlang:display(file:sync(W)),
    erlang:display(file:datasync(W)),
    erlang:display(file:close(W)),
    {ok, R} = file:open(F, [read | Extra]),
    erlang:display(file:read(R, 4)),
    erlang:display(file:read_line(R)),
    erlang:display(file:read_line(R)),
    erlang:display(file:read_line(R)),
    erlang:display(file:read_line(R)),
    erlang:display(file:read(R, 1)),
    erlang:display(file:position(R, bof)),
    erlang:display(file:read(R, 3)),
    erlang:display(file:position(R, {cur, 2})),
    erlang:display(file:read(R, 3)),
    erlang:display(file:position(R, {eof, -2})),
    erlang:display(file:read(R, 10)),
    erlang:display(file:pread(R, 9, 4)),
    erlang:display(file:pread(R, [{0, 2}, {100, 2}, {5, 3}])),
    erlang:display(file:pread(R, 1000, 2)),
    erlang:display(file:position(R, {bof, -1})),
    erlang:display(file:write(R, "no")),
    erlang:display(file:close(R)),
    erlang:display(file:read(R, 1)),
    {ok, RW} = file:open(F, [read, write | Extra]),
    erlang:display(file:position(RW, 4)),
    erlang:display(file:truncate(RW)),
    erlang:display(file:position(RW, eof)),
    erlang:display(file:write(RW, <<"!">>)),
    erlang:display(file:close(RW)),
    erlang:display(file:read_file(F)),
    {ok, A} = file:open(F, [append | Extra]),
    erlang:display(file:write(A, "+")),
    erlang:display(file:close(A)),
    erlang:display(file:read_file(F)),
    ok.

%% A file opened by a process that dies is closed.
owner_death(F) ->
    Fds0 = fd_count(),
    Me = self(),
    {Pid, Ref} = spawn_monitor(fun() ->
                                       {ok, H} = file:open(F, [write, raw]),
                                       {ok, _} = file:open(F, [read, raw]),
                                       {ok, _} = file:open(F, [read, raw, binary]),
                                       Me ! {handle, H},
                                       receive stop -> ok end
                               end),
    H = receive {handle, X} -> X end,
    erlang:display(fd_count() - Fds0),
    Pid ! stop,
    receive {'DOWN', Ref, process, Pid, normal} -> ok end,
    %% erl closes them in its prim_file helper process: give it a moment.
    receive after 100 -> ok end,
    erlang:display(fd_count() - Fds0),
    %% Not our handle: prim_file refuses to use it.
    {'EXIT', {Why, _}} = (catch file:write(H, "x")),
    erlang:display(Why),
    {ok, B} = file:read_file(F),
    erlang:display(B),
    ok.

fd_count() ->
    {ok, L} = file:list_dir("/proc/self/fd"),
    length(L).
