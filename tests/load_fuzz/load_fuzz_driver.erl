%% Loads the corrupted modules fz0000.. written by gen.py through the code
%% path (code:ensure_loaded/1) and calls module_info/0 of each that loads,
%% each call in a process of its own with a time limit. Prints a summary
%% and halts with 0 if every module was either loaded (and its
%% module_info/0 returned or raised) or rejected with {error, badfile}.
-module(load_fuzz_driver).
-export([main/1]).

main([NA]) ->
    N = list_to_integer(atom_to_list(NA)),
    {Loaded, Rejected, Other} = loop(0, N, 0, 0, []),
    io:format("load_fuzz: ~p modules: ~p loaded, ~p rejected (badfile)~n",
              [N, Loaded, Rejected]),
    case Other of
        [] -> halt(0);
        _ ->
            io:format("load_fuzz: unexpected: ~p~n", [lists:reverse(Other)]),
            halt(1)
    end.

loop(N, N, L, R, O) -> {L, R, O};
loop(I, N, L, R, O) ->
    M = list_to_atom(lists:flatten(io_lib:format("fz~4..0w", [I]))),
    case code:ensure_loaded(M) of
        {module, M} ->
            case call_info(M) of
                ok -> loop(I + 1, N, L + 1, R, O);
                Bad -> loop(I + 1, N, L + 1, R, [{M, Bad} | O])
            end;
        {error, badfile} -> loop(I + 1, N, L, R + 1, O);
        Else -> loop(I + 1, N, L, R, [{M, Else} | O])
    end.

%% module_info/0 of a corrupted module may raise (its code was changed);
%% it must not hang or take the VM down.
call_info(M) ->
    {Pid, Ref} = spawn_monitor(fun() -> catch M:module_info() end),
    receive
        {'DOWN', Ref, process, Pid, _} -> ok
    after 10000 ->
        exit(Pid, kill),
        hung
    end.
