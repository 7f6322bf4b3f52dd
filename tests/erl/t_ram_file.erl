-module(t_ram_file).
-export([main/0]).

%% Files in memory (`file:open(Data, [ram | _])`, kernel's ram_file over
%% the built-in ram_file_drv): every operation, in binary and list mode,
%% and the errors.
main() ->
    [mode(M) || M <- [[ram, binary, read, write], [ram, read, write], [ram, binary], [ram]]],
    errors(),
    raw_port(),
    ok.

show(Tag, V) -> erlang:display({Tag, V}).

mode(Modes) ->
    show(modes, Modes),
    {ok, F} = file:open(<<"hello world">>, Modes),
    show(read5, file:read(F, 5)),
    show(pos_cur, file:position(F, cur)),
    show(pos_eof, file:position(F, eof)),
    show(read_eof, file:read(F, 3)),
    show(read0_eof, file:read(F, 0)),
    show(pos_bof3, file:position(F, {bof, 3})),
    show(pos_cur_back, file:position(F, {cur, -2})),
    show(pos_eof_back, file:position(F, {eof, -5})),
    show(read_rest, file:read(F, 100)),
    show(pread, file:pread(F, 6, 5)),
    show(pread_past, file:pread(F, 50, 5)),
    show(pread_list, file:pread(F, [{0, 2}, {9, 10}, {40, 1}])),
    show(write, file:write(F, "!!")),
    show(pwrite, file:pwrite(F, 20, <<"far">>)),
    show(pwrite_list, file:pwrite(F, [{0, "H"}, {6, [<<"W">>]}])),
    show(size, ram_file:get_size(F)),
    show(get_file, ram_file:get_file(F)),
    show(pos2, file:position(F, 8)),
    show(truncate, file:truncate(F)),
    show(after_truncate, ram_file:get_file(F)),
    show(sync, {file:sync(F), file:datasync(F)}),
    show(advise, file:advise(F, 0, 0, normal)),
    show(advise_bad, file:advise(F, 0, 0, bogus)),
    show(allocate, file:allocate(F, 0, 10)),
    show(close, file:close(F)),
    show(closed_read, file:read(F, 1)),
    show(closed_close, file:close(F)).

errors() ->
    %% Read-only and write-only files.
    {ok, R} = file:open(<<"abc">>, [ram, read, binary]),
    show(ro_write, file:write(R, "x")),
    show(ro_truncate, file:truncate(R)),
    show(ro_pwrite, file:pwrite(R, 0, "x")),
    file:close(R),
    {ok, W} = file:open("abc", [ram, write]),
    show(wo_read, file:read(W, 1)),
    show(wo_pread, file:pread(W, 0, 1)),
    show(wo_write, file:write(W, "def")),
    show(wo_get, ram_file:get_file(W)),
    file:close(W),
    {ok, F} = file:open(<<>>, [ram, read, write, binary]),
    show(neg_pos, file:position(F, -1)),
    show(neg_pread, file:pread(F, -1, 1)),
    show(bad_pos, file:position(F, {nowhere, 1})),
    show(big_pos, file:position(F, 1 bsl 40)),
    show(empty_read, file:read(F, 1)),
    %% ipread: a size/position header followed by the data it points at.
    Data = <<"THE DATA">>,
    ok = file:pwrite(F, 0, <<(byte_size(Data)):32, 16:32>>),
    ok = file:pwrite(F, 16, Data),
    show(ipread, file:ipread_s32bu_p32bu(F, 0, infinity)),
    show(ipread_small_max, file:ipread_s32bu_p32bu(F, 0, 3)),
    file:close(F),
    show(bad_mode, catch file:open(<<"x">>, [ram, bogus])),
    show(bad_data, catch file:open(an_atom, [ram])).

raw_port() ->
    P = open_port({spawn, "ram_file_drv"}, [binary]),
    show(port_name, erlang:port_info(P, name)),
    show(is_listed, lists:member(P, erlang:ports())),
    true = port_command(P, [<<1, 0:24, 3>>, "xyz"]),
    show(open_reply, receive {P, M1} -> M1 after 1000 -> timeout end),
    true = port_command(P, <<2, 0:24, 2>>),
    show(read_reply, receive {P, M2} -> M2 after 1000 -> timeout end),
    %% An unknown command gets no reply.
    true = port_command(P, <<250>>),
    show(no_reply, receive {P, M3} -> M3 after 100 -> timeout end),
    show(control, element(1, catch port_control(P, 1, []))),
    port_close(P),
    show(closed, erlang:port_info(P)),
    %% A driver Girder does not have fails as in erl without it.
    show(spawn_driver, is_port(catch open_port({spawn_driver, "ram_file_drv"}, []))),
    show(no_driver, catch open_port({spawn_driver, "no_such_drv"}, [])).
