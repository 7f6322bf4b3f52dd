%% file:read_file_info/1,2 and read_link_info: the file_info record,
%% with the fields that change from run to run (times, inode) masked.
-module(t_file_info).
-export([main/0]).

-include_lib("kernel/include/file.hrl").

main() ->
    D = "/tmp/t_file_info_" ++ os:getpid(),
    ok = file:make_dir(D),
    F = filename:join(D, "f"),
    ok = file:write_file(F, <<"0123456789">>),
    ok = file:make_symlink("f", filename:join(D, "l")),
    show(file:read_file_info(F)),
    show(file:read_file_info(D)),
    show(file:read_file_info(filename:join(D, "l"))),
    show(file:read_link_info(filename:join(D, "l"))),
    show(file:read_file_info("/dev/null")),
    show(file:read_file_info(F, [raw])),
    show(file:read_file_info(F, [{time, posix}])),
    show(file:read_file_info(F, [{time, universal}])),
    %% Times round-trip through write_file_info.
    T = {{2020, 2, 29}, {12, 34, 56}},
    erlang:display(file:write_file_info(F, #file_info{mtime = T, atime = T})),
    {ok, I} = file:read_file_info(F),
    erlang:display({I#file_info.mtime, I#file_info.atime}),
    {ok, IP} = file:read_file_info(F, [{time, posix}]),
    erlang:display({IP#file_info.mtime, IP#file_info.atime}),
    erlang:display(file:write_file_info(F, #file_info{mtime = 1000000000}, [{time, posix}])),
    {ok, IU} = file:read_file_info(F, [{time, universal}]),
    erlang:display(IU#file_info.mtime),
    erlang:display(file:change_mode(F, 8#600)),
    {ok, I2} = file:read_file_info(F),
    erlang:display({I2#file_info.mode band 8#777, I2#file_info.access}),
    erlang:display(file:change_mode(F, 8#400)),
    {ok, I3} = file:read_file_info(F),
    erlang:display({I3#file_info.mode band 8#777}),
    erlang:display(file:change_time(F, T)),
    {ok, I4} = file:read_file_info(F),
    erlang:display(I4#file_info.mtime),
    {ok, H} = file:open(F, [read, raw]),
    show(file:read_file_info(H)),
    ok = file:close(H),
    erlang:display(file:read_file_info(filename:join(D, "missing"))),
    [ok = file:delete(filename:join(D, X)) || X <- ["l", "f"]],
    ok = file:del_dir(D),
    ok.

show({ok, I}) ->
    erlang:display(I#file_info{atime = t, mtime = t, ctime = t, inode = i});
show(Other) ->
    erlang:display(Other).
