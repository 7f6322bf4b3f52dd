%% Helper of t_onload_ok: an on_load function that takes a while.
-module(t_onload_slow).
-on_load(init/0).
-export([main/0, value/1]).

init() ->
    erlang:display(slow_on_load_starts),
    receive after 50 -> ok end,
    erlang:display(slow_on_load_done),
    ok.

value(N) -> N * 2.

main() -> erlang:display(value(21)).
