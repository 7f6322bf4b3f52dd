-module(t_ms_trace).
-export([main/0]).

%% erlang:match_spec_test/3 with trace specs: argument-list heads, the
%% trace-only body functions, flags, the message value.

t(Args, Spec) -> erlang:match_spec_test(Args, Spec, trace).

main() ->
    Args = [[], [a], [a, b], [1, 2, 3], [{x, y}, [z]], [a | b]],
    Specs = [[{'_', [], []}], [{'$1', [], [{message, '$1'}]}], [{[], [], [{message, empty}]}],
             [{['$1'], [], [{message, {{'$1', '$_'}}}]}], [{['$1', '$2'], [{'<', '$1', '$2'}], [{message, '$$'}]}],
             [{['$1', '$1'], [], [{message, same}]}], [{{'$1', '_'}, [], [{message, '$1'}]}],
             [{'_', [], [{return_trace}]}], [{'_', [], [{exception_trace}, {return_trace}]}],
             [{'_', [], [{message, false}]}], [{'_', [], [{message, true}, {message, '$_'}]}],
             [{'_', [], [{message, {hd, x}}]}],
             [{'_', [], [{caller}, {caller_line}, {get_seq_token}, {is_seq_trace}, {process_dump},
                         {enable_trace, send}, {enable_trace, {self}, send}, {disable_trace, send},
                         {trace, [send], []}, {trace, {self}, [], [send]}, {silent, false},
                         {set_seq_token, label, 1}, {set_tcw, 5}, {get_tcw}]}],
             [{'_', [{is_seq_trace}], [x]}, {'_', [], [{message, {get_tcw}}]}],
             [{'_', [{'=:=', {get_tcw}, 0}], [{message, tcw0}]}],
             [{['$1' | '_'], [], []}],
             [{[{'$1', '_'}, '_'], [{is_atom, '$1'}], [{message, {{atom, '$1'}}}]},
              {'_', [], [{message, nomatch}]}]],
    [io:format("~w ~w -> ~p~n", [A, S, t(A, S)]) || S <- Specs, A <- Args],
    %% ets:fun2ms-like trace specs are compiled by dbg:fun2ms; write them out.
    io:format("~p~n", [t([1, 2], [{['$1', '$2'], [{'>', '$2', '$1'}], [{return_trace}, {message, {{'$1', '$2'}}}]}])]),
    %% display/1 prints as erlang:display/1 (after the io output is out).
    timer:sleep(200),
    R = t([a, "b"], [{'$1', [], [{display, {{'$1', {const, 1.5}}}}, {message, done}]}]),
    erlang:display(R),
    ok.
