%% erlang:error/1,2,3: error/2 puts its argument list in the frame (a
%% non-list means the arity); error/3 with [{error_info, Map}] options adds
%% {error_info, Map} to that frame's location (only when every option is
%% one; the last one wins).
-module(t_trace_error23).
-export([main/0, id/1, raiser/2]).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, R}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

raiser(A, B) ->
    erlang:error(bad_input, [A, B], [{error_info, #{module => ?MODULE, function => raiser}}]).

wrapper(X) ->
    R = raiser(X, id(2)),
    {wrapper, R}.

main() ->
    show(error1, fun() -> {erlang:error(id(plain))} end),
    show(error2, fun() -> {erlang:error(id(r2), [1, "two", three])} end),
    show(error2_empty, fun() -> erlang:error(id(r2), []) end),
    show(error2_atom, fun() -> erlang:error(id(r2), not_a_list) end),
    show(error3, fun() -> {wrapper(id(1))} end),
    show(error3_two, fun() -> erlang:error(x, [1], [{error_info, #{a => 1}}, {error_info, #{b => 2}}]) end),
    show(error3_bad_opt, fun() -> erlang:error(x, [1], [{error_info, #{a => 1}}, foo]) end),
    show(error3_not_map, fun() -> erlang:error(x, [1], [{error_info, notmap}]) end),
    show(error3_no_opts, fun() -> erlang:error(x, [1], []) end),
    show(error3_improper, fun() -> erlang:error(x, [1], [{error_info, #{}} | foo]) end),
    show(error3_arity, fun() -> {erlang:error(x, none, [{error_info, #{}}])} end),
    show(error3_cause, fun() -> error(y, [a], [{error_info, #{cause => why}}]) end),
    ok.
