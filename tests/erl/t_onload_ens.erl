%% Helper of t_onload_ok: loaded with code:ensure_loaded/1.
-module(t_onload_ens).
-on_load(init/0).
-export([main/0]).

init() ->
    erlang:display(ens_on_load),
    ok.

main() -> ens_main.
