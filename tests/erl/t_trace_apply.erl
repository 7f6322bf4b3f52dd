%% apply and funs of BIFs: a BIF reached through apply/3, M:F(...) or a
%% fun gets its own frame and then the caller's (gone after a tail call);
%% error/exit/throw applied in tail position still show the caller; bad
%% apply arguments raise badarg from erlang:apply itself.
-module(t_trace_apply).
-export([main/0, id/1, one/1]).

id(X) -> X.
one(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, R}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

main() ->
    show(bif, fun() -> {apply(erlang, id(element), [5, {}])} end),
    show(bif_tail, fun() -> apply(erlang, id(element), [5, {}]) end),
    show(bif_var, fun() -> M = id(erlang), {M:list_to_atom(7)} end),
    show(bif_var_tail, fun() -> M = id(erlang), M:list_to_atom(7) end),
    show(stdlib_bif, fun() -> {apply(lists, id(keyfind), [a, x, []])} end),
    show(plus, fun() -> {apply(erlang, id('+'), [5, a])} end),
    show(fun_bif, fun() -> F = id(fun erlang:tl/1), {F([])} end),
    show(fun_bif_tail, fun() -> F = id(fun erlang:tl/1), F([]) end),
    show(error1, fun() -> {apply(erlang, id(error), [foo])} end),
    show(error2_tail, fun() -> apply(erlang, id(error), [foo, [1]]) end),
    show(error3_tail, fun() -> apply(erlang, id(error), [foo, [1], [{error_info, #{}}]]) end),
    show(throw_tail, fun() -> apply(erlang, id(throw), [foo]) end),
    show(exit_fun_tail, fun() -> F = id(fun erlang:exit/1), F(x) end),
    show(error_fun, fun() -> F = id(fun erlang:error/2), {F(x, [y])} end),
    show(raise_tail, fun() -> apply(erlang, id(raise), [error, foo, [{m, f, 1, []}]]) end),
    show(raise_bad, fun() -> {apply(erlang, id(raise), [error, foo, bad])} end),
    show(bad_module, fun() -> M = id(3), {M:f(1)} end),
    show(bad_module_tail, fun() -> M = id(3), M:f(1) end),
    show(bad_function, fun() -> F = id("f"), {?MODULE:F(1)} end),
    show(bad_list, fun() -> {apply(id(?MODULE), one, id([1 | 2]))} end),
    show(bad_list_tail, fun() -> apply(id(?MODULE), one, id([1 | 2])) end),
    show(apply2_bad_list, fun() -> {apply(id(fun erlang:hd/1), id(x))} end),
    show(apply2_badfun, fun() -> {apply(id(3), [1])} end),
    ok.
