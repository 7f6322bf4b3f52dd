-module(t_ms_guards).
-export([main/0]).

%% Every guard function and operator of the match-spec grammar, run through
%% ets:match_spec_run/2 and ets:test_ms/2 against a set of objects.

objs() ->
    [{1, 2}, {-3, 4.5}, {a, b}, {[1, 2], []}, {<<"abc">>, <<1:3>>},
     {#{k => v}, #{}}, {{x, y}, {}}, {1.0, 1},
     {12345678901234567890123, -98765432109876543210}, {"str", $s},
     {fun erlang:abs/1, fun(X) -> X end}, {true, false}, {0, 0.0}].

unary() ->
    [is_atom, is_float, is_integer, is_list, is_number, is_pid, is_port,
     is_reference, is_tuple, is_map, is_binary, is_function, abs, hd, tl,
     length, round, trunc, float, size, map_size, bit_size, byte_size,
     'not', 'bnot', '-', '+', node].

binary() ->
    ['+', '-', '*', '/', 'div', 'rem', 'band', 'bor', 'bxor', 'bsl', 'bsr',
     '>', '>=', '<', '=<', '==', '=:=', '/=', '=/=', 'and', 'or', 'xor',
     'andalso', 'orelse', element, map_get, is_map_key, binary_part].

run(Spec, Objs) ->
    try ets:match_spec_run(Objs, ets:match_spec_compile(Spec))
    catch C:R -> {C, R}
    end.

main() ->
    Objs = objs(),
    %% Unary functions: in a guard (a raising guard fails the clause) and
    %% in a body (a raising body gives 'EXIT').
    [begin
         G = run([{{'$1', '_'}, [{F, '$1'}], [true]}], Objs),
         B = run([{{'$1', '_'}, [], [{F, '$1'}]}], Objs),
         io:format("~p guard ~p~n~p body ~w~n", [F, length(G), F, B])
     end || F <- unary()],
    [begin
         B = run([{{'$1', '$2'}, [], [{F, '$1', '$2'}]}], Objs),
         G = run([{{'$1', '$2'}, [{F, '$1', '$2'}], ['$_']}], Objs),
         io:format("~p body ~w~n~p guard ~w~n", [F, B, F, G])
     end || F <- binary()],
    %% Constant arguments, nested calls.
    io:format("~w~n", [run([{{'$1', '$2'}, [{'>', {'+', '$1', 10}, {'*', 2, '$2'}}],
                            [{'div', {'*', '$1', 100}, 7}]}], Objs)]),
    io:format("~w~n", [run([{{'$1', '_'}, [{is_integer, '$1'}],
                            [{element, 1, {{'$1', {abs, '$1'}}}}]}], Objs)]),
    io:format("~w~n", [run([{{'$1', '_'}, [{is_record, '$1', x, 2}], [ok]}], Objs)]),
    io:format("~w~n", [run([{'$1', [{is_record, '$1', x, 2}], [rec]}], [{x, 1}, {x, 1, 2}, {y, 1}])]),
    io:format("~w~n", [run([{{'$1', '_'}, [{binary_part, '$1', 1, 2}], ['$1']}], Objs)]),
    io:format("~w~n", [run([{{'$1', '_'}, [], [{binary_part, '$1', 1, 2}]}], Objs)]),
    io:format("~w~n", [run([{{'$1', '_'}, [], [{node, '$1'}]}], Objs)]),
    io:format("~w~n", [run([{'_', [], [{node}]}], [x])]),
    io:format("~w~n", [run([{'_', [], [{self}]}], [x]) =:= [self()]]),
    io:format("~w~n", [run([{'_', [{'=:=', {self}, self()}], [yes]}], [x])]),
    %% and/or take any number of arguments; andalso/orelse short-circuit
    %% and give the last value as it is.
    io:format("~w~n", [run([{'$1', [], [{'and', true, true, '$1'}, {'or', false, '$1'},
                                        {'andalso', true, '$1'}, {'orelse', false, '$1'}]}],
                           [true, false, 7])]),
    io:format("~w~n", [run([{'$1', [], [{{{'andalso', '$1', {hd, x}}, {'orelse', '$1', {hd, x}},
                                         {'andalso', true, 5}, {'orelse', false, 6}}}]}],
                           [true, false, 7])]),
    io:format("~w~n", [run([{'$1', [{'andalso', {is_integer, '$1'}, {'>', '$1', 3}}], ['$1']},
                            {'$1', [{'orelse', {is_atom, '$1'}, {hd, '$1'}}], [{{other, '$1'}}]}],
                           [1, 5, a, [x], 3.0])]),
    io:format("~w~n", [run([{'$1', [{'not', {is_atom, '$1'}}, {'xor', true, {is_integer, '$1'}}], ['$1']}],
                           [1, a, 2.0, "s"])]),
    %% A guard value other than true fails the clause.
    io:format("~w~n", [run([{'$1', ['$1'], [ok]}, {'_', [], [no]}], [true, false, 1, []])]),
    io:format("~w~n", [run([{'$1', [{'+', '$1', 1}], [ok]}, {'_', [], [no]}], [1, a])]),
    %% Bignums and floats through arithmetic.
    io:format("~w~n", [run([{'$1', [], [{'*', '$1', '$1'}, {'bsl', '$1', 70}]}],
                           [1, 123456789012345678901234567890, -5])]),
    io:format("~w~n", [run([{'$1', [], [{'/', '$1', 3}]}], [1, 2.5, 0])]),
    io:format("~w~n", [run([{{'$1', '$2'}, [{is_pid, '$1'}, {is_reference, '$2'},
                                          {is_port, '$1'}], [port]},
                            {{'$1', '$2'}, [{is_pid, '$1'}, {is_reference, '$2'}], [pidref]}],
                           [{self(), make_ref()}, {a, b}])]),
    %% ets:test_ms/2
    io:format("~p~n", [ets:test_ms({a, 1}, [{{'$1', '$2'}, [{is_integer, '$2'}], [{{'$2', '$1'}}]}])]),
    io:format("~p~n", [ets:test_ms({a, b}, [{{'$1', '$2'}, [{is_integer, '$2'}], [{{'$2', '$1'}}]}])]),
    io:format("~p~n", [ets:test_ms({a, b}, [{{'$1', '$2'}, [], [{length, '$1'}]}])]),
    ok.
