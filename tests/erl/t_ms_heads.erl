-module(t_ms_heads).
-export([main/0]).

%% Head patterns ('$N' and '_' at any depth, repeated variables, maps,
%% constants compared with =:=) and body constructions.

run(Spec, Objs) ->
    try ets:match_spec_run(Objs, ets:match_spec_compile(Spec))
    catch C:R -> {C, R}
    end.

big() -> 123456789012345678901234567890.

objs() ->
    [{1, 1}, {1, 1.0}, {1.0, 1.0}, {a, {b, c}}, {a, {b, {c, d}}}, {[1, 2, 3], x},
     {[1 | 2], y}, {<<"bin">>, <<"bin">>}, {<<1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                                            21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38,
                                            39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56,
                                            57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70>>, z},
     {big(), -big()}, {#{a => 1, b => 2}, m}, {#{a => {x, y}}, n}, {"abc", "abc"},
     {{}, []}, {x, y, z}, {}, atom, [list], 42].

main() ->
    O = objs(),
    Heads = [{'$1', '$1'}, {'$1', '$2'}, {'_', '_'}, {'$1', '_'}, {1, '_'}, {1.0, '_'},
             {a, {b, '$1'}}, {a, {'_', {'$1', '$2'}}}, {[1 | '$1'], '_'}, {['$1', '$2' | '$3'], '_'},
             {['$1' | '$1'], '_'}, {<<"bin">>, '$1'}, {'$1', <<"bin">>},
             {123456789012345678901234567890, '$1'}, {'$1', -123456789012345678901234567890},
             {#{a => '$1'}, '_'}, {#{a => 1, b => '$1'}, '_'}, {#{}, '$1'}, {#{a => {'$1', '$2'}}, '_'},
             {"abc", '$1'}, {[$a, '$1' | "c"], '_'}, {{}, '$1'}, {'$1', '$2', '$3'}, {}, '_', '$1',
             atom, [list], ['$1'], 42, {{'_', '_'}, '$1'}, {'$2', '$1'}, {'$10', '$9'},
             {'$0', '$100000000'}, {'$1', ['$1' | '_']}],
    [io:format("~w: ~w~n", [H, run([{H, [], ['$$']}], O)]) || H <- Heads],
    [io:format("~w: ~w~n", [H, length(run([{H, [], ['$_']}], O))]) || H <- Heads],
    %% Bodies: '$_', '$$', {const, T}, {{...}}, lists, maps, constants.
    Bodies = [['$_'], ['$$'], ['$1'], [{const, {'$1', '_'}}], [{{'$1', '$2'}}], [{{}}], [{{{{'$1'}}}}],
              [['$1', '$2']], [['$1' | '$2']], [[a, b]], [[]], [#{k => '$1'}], [#{'$1' => '$2'}],
              [#{a => b}], [x, y, '$2'], [{{'$1', [{{'$2'}}], #{'$1' => ['$1']}}}],
              [{const, <<"a binary that is longer than sixty-four bytes, so it is a refc binary....">>}],
              [123456789012345678901234567890], [1.5], ["string"], [{const, '$1'}], ['_'], ['$$', '$_']],
    [io:format("~w: ~w~n", [B, run([{{'$1', '$2'}, [], B}], [{1, 2}, {a, [b]}, {x, y, z}])]) || B <- Bodies],
    %% First matching clause wins; clauses tried in order.
    io:format("~w~n", [run([{{'$1', '$1'}, [], [same]}, {{'$1', '_'}, [{is_integer, '$1'}], [int]},
                            {'_', [], [other]}], O)]),
    %% Many variables (more than fit inline).
    Vars = [list_to_atom("$" ++ integer_to_list(I)) || I <- lists:seq(1, 40)],
    Obj = list_to_tuple(lists:seq(101, 140)),
    io:format("~w~n", [run([{list_to_tuple(Vars), [{'>', '$40', '$1'}], ['$$']}], [Obj])]),
    io:format("~w~n", [run([{list_to_tuple(lists:reverse(Vars)), [], [{{'$1', '$40', '$20'}}]}], [Obj])]),
    %% A compiled spec is reused and survives messages and GCs.
    MS = ets:match_spec_compile([{{'$1', '$2'}, [{'>', '$2', 10}], [{{'$2', '$1', {const, <<"c">>}}}]}]),
    io:format("~w ~w~n", [ets:is_compiled_ms(MS), ets:is_compiled_ms(make_ref())]),
    Self = self(),
    spawn(fun() -> receive M -> Self ! {back, ets:is_compiled_ms(M), ets:match_spec_run([{a, 20}], M)} end end) ! MS,
    receive {back, IsMs, Res} -> io:format("~w ~w~n", [IsMs, Res]) end,
    erlang:garbage_collect(),
    L = [{I, I * 3} || I <- lists:seq(1, 1000)],
    io:format("~w~n", [length(ets:match_spec_run(L, MS))]),
    io:format("~w~n", [lists:sublist(ets:match_spec_run(L, MS), 3)]),
    io:format("~w~n", [is_reference(MS)]),
    io:format("~w~n", [binary_to_term(term_to_binary(MS)) == MS]),
    io:format("~w~n", [ets:is_compiled_ms(binary_to_term(term_to_binary(MS)))]),
    io:format("~w~n", [ets:is_compiled_ms({MS})]),
    io:format("~w~n", [[MS] =:= [MS]]),
    ok.
