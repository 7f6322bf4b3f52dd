-module(t_code_path).
-export([main/0]).
main() ->
    io:format("~p~n~p~n~p~n~p~n", [code:root_dir(), code:lib_dir(), code:lib_dir(stdlib), code:priv_dir(stdlib)]),
    io:format("~p~n~p~n~p~n", [code:which(lists), code:which(nosuch_module_x), code:which(erlang)]),
    io:format("~p~n~p~n", [code:lib_dir(nosuch), code:priv_dir(nosuch)]),
    P = code:get_path(),
    io:format("~p~n", [lists:sublist(P, 2, 3)]),
    io:format("~p~n", [lists:member(code:lib_dir(compiler) ++ "/ebin", P)]),
    io:format("~p~n", [is_list(code:all_loaded())]),
    io:format("~p~n", [filename:basename(code:which(t_code_path))]),
    halt().
