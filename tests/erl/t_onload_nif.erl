%% Helper of t_onload_fail: its on_load loads a NIF library that does not
%% exist and returns the error.
-module(t_onload_nif).
-on_load(init/0).
-export([main/0, f/0]).

init() ->
    R = erlang:load_nif("./t_onload_nif_missing", 0),
    erlang:display(R),
    R.

f() -> erlang:nif_error(not_loaded).

main() -> erlang:display(f()).
