%% Helper of t_onload_fail: its on_load function returns error.
-module(t_onload_err).
-on_load(init/0).
-export([main/0, f/0]).

init() ->
    erlang:display(err_on_load),
    error.

f() -> 1.

main() -> erlang:display(f()).
