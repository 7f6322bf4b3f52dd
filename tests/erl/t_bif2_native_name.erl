%% file:native_name_encoding/0 follows the locale (the same environment
%% for both VMs).
-module(t_bif2_native_name).
-export([main/0]).

main() ->
    E = file:native_name_encoding(),
    io:format("~p~n", [E]),
    io:format("~p~n", [lists:member(E, [utf8, latin1])]),
    ok.
