%% erts_debug:disassemble/1 (false on a JIT), erts_debug:instructions/0
%% (strings) and erts_debug:df/1, which writes Module.dis.
-module(t_debug_code).
-export([main/0]).

main() ->
    erlang:display([erts_debug:disassemble(X) || X <- [{lists, reverse, 1}, 0, {no, such, 9}]]),
    Is = erts_debug:instructions(),
    erlang:display({is_list(Is), length(Is) > 100, lists:all(fun io_lib:printable_list/1, Is)}),
    Dir = "/tmp/t_debug_code." ++ os:getpid(),
    ok = file:make_dir(Dir),
    {ok, Cwd} = file:get_cwd(),
    ok = file:set_cwd(Dir),
    R = erts_debug:df(lists),
    ok = file:set_cwd(Cwd),
    File = filename:join(Dir, "lists.dis"),
    erlang:display({R, filelib:is_regular(File)}),
    ok = file:delete(File),
    ok = file:del_dir(Dir),
    ok.
