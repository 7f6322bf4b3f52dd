%% -on_load functions that fail: returning anything but ok, or crashing,
%% unloads the module (calls are undef, loads {error, on_load_failure})
%% and the next attempt runs the function again. erlang:load_nif/2 of a
%% library that does not exist.
-module(t_onload_fail).
-export([main/0]).

main() ->
    erlang:display(catch t_onload_err:f()),
    erlang:display(code:is_loaded(t_onload_err)),
    erlang:display(erlang:module_loaded(t_onload_err)),
    erlang:display(code:ensure_loaded(t_onload_err)),
    erlang:display(catch t_onload_crash:f()),
    erlang:display(code:ensure_loaded(t_onload_crash)),
    erlang:display(catch t_onload_nif:f()),
    erlang:display(code:ensure_loaded(t_onload_nif)),
    %% spawning into such a module
    {P, R} = spawn_monitor(t_onload_err, f, []),
    receive {'DOWN', R, process, P, Why} -> erlang:display(element(1, Why)) end,
    %% load_nif outside an on_load function, from this module
    erlang:display(erlang:load_nif("/nonexistent/girder_lib", 0)),
    erlang:display(erlang:load_nif(<<"nolib">>, [])),
    erlang:display(erlang:load_nif("", 0)),
    erlang:display(catch erlang:load_nif(nolib, 0)),
    erlang:display(catch erlang:load_nif([a], 0)),
    ok.
