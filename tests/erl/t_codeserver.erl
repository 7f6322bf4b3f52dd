-module(t_codeserver).
-export([main/0]).

%% Kernel's code server as erl runs it: the code path, which/is_loaded/
%% ensure_loaded/load_file/delete/purge/soft_purge, and hot loading of a
%% recompiled module while a process still runs its old version.

main() ->
    path(),
    queries(),
    hot_loading(),
    ok.

%% The code path: "." first (erl's default), the -pa directory run_diff
%% passes next; directories added and deleted through the code server.
path() ->
    P = code:get_path(),
    erlang:display({dot_first, hd(P) =:= "."}),
    erlang:display({has_stdlib, lists:member(code:lib_dir(stdlib, ebin), P)}),
    {ok, Cwd} = file:get_cwd(),
    Dir = filename:join(Cwd, "extra_dir"),
    _ = file:make_dir(Dir),
    erlang:display(code:add_patha(Dir)),
    erlang:display({added_first, hd(code:get_path()) =:= Dir}),
    erlang:display(code:del_path(Dir)),
    erlang:display({deleted, lists:member(Dir, code:get_path())}),
    erlang:display(code:del_path(Dir)),
    erlang:display(code:add_pathz(Dir)),
    erlang:display({added_last, lists:last(code:get_path()) =:= Dir}),
    erlang:display(code:add_patha(filename:join(Cwd, "no_such_dir"))),
    erlang:display(catch code:add_patha(42)).

queries() ->
    erlang:display(code:is_loaded(t_codeserver_nope)),
    erlang:display(code:which(t_codeserver_nope)),
    erlang:display(code:ensure_loaded(t_codeserver_nope)),
    erlang:display(code:load_file(t_codeserver_nope)),
    erlang:display({which_lists, code:which(lists) =:= code:lib_dir(stdlib, ebin) ++ "/lists.beam"}),
    erlang:display({is_loaded_self, element(1, code:is_loaded(?MODULE))}),
    erlang:display(code:ensure_loaded(orddict)),
    erlang:display({orddict_listed, lists:keymember(orddict, 1, code:all_loaded())}),
    erlang:display({priv, code:priv_dir(kernel) =:= code:lib_dir(kernel) ++ "/priv"}),
    erlang:display(code:priv_dir(no_such_app)),
    erlang:display(code:lib_dir(no_such_app)),
    erlang:display(catch code:which("notanatom")),
    erlang:display(code:is_sticky(lists)),
    erlang:display(code:load_binary(lists, "lists.beam", <<"junk">>)).

%% Writes, compiles and loads version V of module hot_m: loop/1 waits for
%% messages and reports its version; the next version makes processes
%% still in the old loop run old code.
write_version(V) ->
    Src = io_lib:format(
            "-module(hot_m).~n"
            "-export([start/0, loop/1, version/0]).~n"
            "version() -> ~p.~n"
            "start() -> spawn(fun() -> loop(self()) end).~n"
            "loop(S) -> receive {From, which} -> From ! {self(), ~p}, loop(S);~n"
            "                  {From, upgrade} -> From ! {self(), upgraded}, hot_m:loop(S);~n"
            "                  stop -> ok end.~n", [V, V]),
    ok = file:write_file("hot_m.erl", Src),
    {ok, hot_m} = compile:file("hot_m.erl", [report_errors]).

ask(P, What) ->
    P ! {self(), What},
    receive {P, R} -> R after 5000 -> timeout end.

hot_loading() ->
    write_version(1),
    erlang:display(code:load_file(hot_m)),
    erlang:display(hot_m:version()),
    Old = hot_m:start(),
    erlang:display(ask(Old, which)),
    write_version(2),
    %% The process keeps running version 1 while version 2 is current.
    erlang:display(code:load_file(hot_m)),
    erlang:display(hot_m:version()),
    erlang:display(ask(Old, which)),
    erlang:display(erlang:check_old_code(hot_m)),
    erlang:display(erlang:check_process_code(Old, hot_m)),
    %% A third load while old code is still in use: not_purged.
    write_version(3),
    erlang:display(code:load_file(hot_m)),
    erlang:display(code:soft_purge(hot_m)),
    %% A fully qualified call moves it to the current version.
    erlang:display(ask(Old, upgrade)),
    erlang:display(ask(Old, which)),
    erlang:display(code:soft_purge(hot_m)),
    erlang:display(erlang:check_old_code(hot_m)),
    erlang:display(code:load_file(hot_m)),
    erlang:display(hot_m:version()),
    %% Old still runs version 2 (old now): purge kills it.
    Ref = monitor(process, Old),
    erlang:display(code:soft_purge(hot_m)),
    erlang:display(code:purge(hot_m)),
    receive {'DOWN', Ref, process, Old, Why} -> erlang:display({killed, Why})
    after 5000 -> erlang:display(not_killed)
    end,
    erlang:display(code:purge(hot_m)),
    erlang:display(code:delete(hot_m)),
    erlang:display(code:is_loaded(hot_m)),
    erlang:display(catch hot_m:version()),
    erlang:display(code:delete(hot_m)),
    erlang:display(code:purge(hot_m)),
    %% The next call loads it again through the error handler.
    erlang:display(hot_m:version()),
    erlang:display({loaded_again, element(1, code:is_loaded(hot_m))}).
