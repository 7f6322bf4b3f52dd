#!/usr/bin/env escript
%% Usage: coverage.escript BEAMDIR [REQUIRED_LIST_FILE]
%% Disassembles every .beam in BEAMDIR and prints, for each BEAM
%% instruction, the modules whose code contains it.  bif/gc_bif are
%% split by operand count (bif0/bif1/bif2, gc_bif1/2/3) and test
%% instructions are listed under their test name (is_integer, ...).
%% With a second argument (a file of required instruction names, one per
%% line), exits 1 if any required instruction is missing.
-mode(compile).

main([Dir | Rest]) ->
    Beams = lists:sort(filelib:wildcard(filename:join(Dir, "*.beam"))),
    Pairs = lists:append([instrs(B) || B <- Beams]),
    Tab = lists:foldl(fun({I, M}, Acc) ->
                              Old = proplists:get_value(I, Acc, []),
                              lists:keystore(I, 1, Acc, {I, lists:usort([M | Old])})
                      end, [], Pairs),
    case Rest of
        [] ->
            [io:format("~s: ~s~n", [I, join(Ms)]) || {I, Ms} <- lists:sort(Tab)],
            ok;
        [ReqFile] ->
            {ok, Bin} = file:read_file(ReqFile),
            Req = [L || L <- string:lexemes(binary_to_list(Bin), "\n\r\t "), L =/= ""],
            Missing = [R || R <- Req, not lists:keymember(R, 1, Tab)],
            io:format("| instruction | test modules |~n|---|---|~n"),
            [io:format("| ~s | ~s |~n", [R, short(proplists:get_value(R, Tab, ["**MISSING**"]))])
             || R <- Req],
            Extra = [{I, Ms} || {I, Ms} <- lists:sort(Tab), not lists:member(I, Req)],
            io:format("~nOther instructions emitted by the tests:~n~n"
                      "| instruction | test modules |~n|---|---|~n"),
            [io:format("| ~s | ~s |~n", [I, short(Ms)]) || {I, Ms} <- Extra],
            case Missing of
                [] -> io:format("~nAll ~p required instructions are covered.~n", [length(Req)]);
                _ -> io:format(standard_error, "MISSING: ~p~n", [Missing]), halt(1)
            end
    end.

join(Ms) -> lists:join(" ", Ms).

short(Ms) when length(Ms) > 6 ->
    [join(lists:sublist(Ms, 6)), io_lib:format(" (+~p more)", [length(Ms) - 6])];
short(Ms) -> join(Ms).

instrs(Beam) ->
    {beam_file, Mod, _, _, _, Code} = beam_disasm:file(Beam),
    M = atom_to_list(Mod),
    [{name(I), M} || {function, F, _, _, Is} <- Code,
                     not lists:member(F, [module_info]),
                     I <- Is].

name(I) when is_atom(I) -> atom_to_list(I);
name({bif, _, _, Args, _}) -> "bif" ++ integer_to_list(length(Args));
name({gc_bif, _, _, _, Args, _}) -> "gc_bif" ++ integer_to_list(length(Args));
name({test, T, _, _}) -> atom_to_list(T);
name({test, T, _, _, _, _}) -> atom_to_list(T);
name(T) when is_tuple(T) -> atom_to_list(element(1, T)).
