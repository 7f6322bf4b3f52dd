%% Helper of t_onload_fail: its on_load function crashes.
-module(t_onload_crash).
-on_load(init/0).
-export([main/0, f/0]).

init() ->
    erlang:display(crash_on_load),
    erlang:error(on_purpose).

f() -> 2.

main() -> erlang:display(f()).
