-module(t_ms_errors).
-export([main/0]).

%% Invalid specs: badarg from ets:match_spec_compile/1 and erl's exact
%% error lists from erlang:match_spec_test/3 (both dialects).

compile(Spec) ->
    try ets:match_spec_compile(Spec), ok
    catch error:R -> R
    end.

specs() ->
    [x, [x], [{x, y}], [{x, y, z, w}], [{'_', [], []}], [{'_', [], x}], [{'_', x, [y]}],
     [{'_', x, y}], [{'_', [x | y], [z]}], [{'_', [], [x | y]}], [{'$1', [], ['$2']}],
     [{{'$1'}, [{'>', '$3', '$2'}], ['$4', '$1']}], [{#{'$1' => 1}, [], [x]}],
     [{#{'_' => 1}, [], [x]}], [{'_', [], [{const, 1, 2}]}], [{'_', [], [{const}]}],
     [{'_', [], [{'and'}]}], [{'_', [], [{'or'}]}], [{'_', [], [{'andalso'}]}],
     [{'_', [], [{'orelse'}]}], [{'_', [], [{self, x}]}], [{'_', [], [{foo}]}],
     [{'_', [], [{foo, 1, 2}]}], [{'_', [], [{is_atom, 1, 2}]}], [{'_', [], [{element, 1}]}],
     [{'_', [], [{'$1', x}]}], [{'_', [], [{1, 2}]}], [{'_', [], [{}]}], [{'_', [], [{"s", 1}]}],
     [{'_', [], [{message, x}]}], [{'_', [{message, x}], [x]}], [{'_', [], [{message}]}],
     [{'_', [], [{return_trace}]}], [{'_', [{return_trace}], [x]}], [{'_', [], [{return_trace, 1}]}],
     [{'_', [], [{exception_trace, x}]}], [{'_', [], [{display}]}], [{'_', [{display, x}], [x]}],
     [{'_', [], [{caller, 1}]}], [{'_', [], [{caller_line, 1}]}], [{'_', [], [{silent}]}],
     [{'_', [], [{set_seq_token, a}]}], [{'_', [], [{get_seq_token, a}]}], [{'_', [], [{is_seq_trace, a}]}],
     [{'_', [], [{process_dump, a}]}], [{'_', [], [{enable_trace}]}], [{'_', [], [{disable_trace, 1, 2, 3}]}],
     [{'_', [], [{trace, 1}]}], [{'_', [], [{get_tcw}]}], [{'_', [], [{set_tcw, 1}]}],
     [{'_', [{set_tcw, 1}], [x]}], [{'_', [{get_tcw}], [x]}],
     [{'_', [], [{foo, {bar}, '$7'}]}], [{'_', [], [{{'$1', {baz}}}]}], [{'_', [], [['$2' | '$3']]}],
     [{'_', [], [#{'$5' => '$6'}]}], [{'_', [], [{'and', '$1', {x}}]}], [{'_', [], [{'andalso', '$1', {x}}]}],
     [{'_', [], [{set_seq_token, '$1', '$2'}]}],
     [{'_', [], [x]}, {'_', [], ['$1']}, {'_', [], ['$2']}], [{'_', [], ['$1']}, bad],
     [{a, [], [x]}], [{[a | b], [], [x]}], [{#{a => b}, [], [x]}], [{{a, '$1'}, [], [{message, '$1'}]}],
     [{'_', [], [{'$_'}]}], [{'_', [], [{'_'}]}], [{'_', [], [{'$$', 1}]}]].

main() ->
    [begin
         io:format("~w~n  compile ~w~n", [S, compile(S)]),
         io:format("  table ~p~n", [erlang:match_spec_test({a, b}, S, table)]),
         io:format("  trace ~p~n", [erlang:match_spec_test([a, b], S, trace)])
     end || S <- specs()],
    %% Bad arguments to the BIFs themselves.
    Bad = fun(F) -> try F() catch error:R -> R end end,
    MS = ets:match_spec_compile([{'$1', [], ['$1']}]),
    io:format("~w~n", [Bad(fun() -> erlang:match_spec_test({a}, [], other) end)]),
    io:format("~w~n", [Bad(fun() -> erlang:match_spec_test({a}, [], trace) end)]),
    io:format("~w~n", [Bad(fun() -> erlang:match_spec_test(x, [], table) end)]),
    io:format("~w~n", [Bad(fun() -> ets:match_spec_run(x, MS) end)]),
    io:format("~w~n", [Bad(fun() -> ets:match_spec_run([a | b], MS) end)]),
    io:format("~w~n", [Bad(fun() -> ets:match_spec_run([a], [{'$1', [], ['$1']}]) end)]),
    io:format("~w~n", [Bad(fun() -> ets:match_spec_run([a], make_ref()) end)]),
    io:format("~w~n", [Bad(fun() -> ets:match_spec_run([], MS) end)]),
    io:format("~w~n", [Bad(fun() -> ets:is_compiled_ms(x) end)]),
    io:format("~w~n", [Bad(fun() -> ets:test_ms({a}, x) end)]),
    io:format("~w~n", [Bad(fun() -> ets:test_ms({a}, [{'$1', [], ['$2']}]) end)]),
    ok.
