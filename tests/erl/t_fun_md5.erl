%% Module checksum: Mod:module_info(md5), module_info/0's md5 item and
%% every fun's new_uniq are BEAM's MD5 over the code chunks (OldUniq
%% zeroed in the lambda table).
-module(t_fun_md5).
-export([main/0]).

main() ->
    F = fun(X) -> X + 1 end,
    G = fun() -> ok end,
    {new_uniq, A} = erlang:fun_info(F, new_uniq),
    {new_uniq, B} = erlang:fun_info(G, new_uniq),
    Md5 = ?MODULE:module_info(md5),
    io:format("~p~n~p~n~p~n", [A, A =:= B, A =:= Md5]),
    io:format("~p~n", [[K || {K, _} <- ?MODULE:module_info()]]),
    io:format("~p~n", [proplists:get_value(md5, ?MODULE:module_info()) =:= Md5]),
    io:format("~p~n", [lists:keydelete(pid, 1, erlang:fun_info(F))]),
    io:format("~p~n", [lists:module_info(md5) =:= lists:module_info(md5)]),
    io:format("~p~n", [byte_size(lists:module_info(md5))]),
    halt().
