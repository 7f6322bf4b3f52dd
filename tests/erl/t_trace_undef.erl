%% undef: the top frame is the missing function with its arguments and an
%% empty location; the caller shows up through its continuation, so after
%% a tail call it is gone. erlang:get_stacktrace/0 no longer exists.
-module(t_trace_undef).
-export([main/0, id/1]).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, R}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

via(M, F, A) ->
    R = apply(M, F, A),
    {via, R}.

main() ->
    show(no_module, fun() -> {no_such_module_q:f(id(1))} end),
    show(no_module_tail, fun() -> no_such_module_q:f(id(1), 2) end),
    show(no_function, fun() -> {?MODULE:nope(id(1))} end),
    show(no_function_tail, fun() -> ?MODULE:nope() end),
    show(stdlib_missing, fun() -> {lists:no_such_fun(id([]))} end),
    show(apply3, fun() -> {apply(id(no_such_module_q), g, [a, b])} end),
    show(apply3_tail, fun() -> apply(id(no_such_module_q), g, [a, b]) end),
    show(apply_var, fun() -> M = id(no_such_module_q), {M:h(1)} end),
    show(apply_var_tail, fun() -> M = id(no_such_module_q), M:h(1) end),
    show(apply_deep, fun() -> {via(id(?MODULE), missing, [1, 2, 3])} end),
    show(ext_fun, fun() -> F = id(fun no_such_module_q:k/1), {F(9)} end),
    show(ext_fun_tail, fun() -> F = id(fun no_such_module_q:k/1), F(9) end),
    show(get_stacktrace, fun() -> M = id(erlang), {M:get_stacktrace()} end),
    show(bad_module, fun() -> M = id(3), {M:f(1)} end),
    show(bad_function_tail, fun() -> F = id("f"), ?MODULE:F(1) end),
    show(bad_arglist, fun() -> {apply(id(?MODULE), id, id([1 | 2]))} end),
    ok.
