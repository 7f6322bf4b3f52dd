%% function_clause: the top frame has the argument list instead of the
%% arity and the line of the function head; funs show their generated
%% name; a stdlib function_clause shows the library's own file and line.
-module(t_trace_fclause).
-export([main/0, id/1, exported/2]).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, R}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

small(0) -> zero;
small(1) -> one.

exported(a, X) when is_integer(X) -> X;
exported(b, X) -> X.

caller(X) ->
    V = small(X),
    {V}.

main() ->
    show(local, fun() -> {small(id(7))} end),
    show(nested, fun() -> {caller(id({1, 2}))} end),
    show(remote, fun() -> {?MODULE:exported(a, id(x))} end),
    show(remote_tail, fun() -> ?MODULE:exported(id(c), "str") end),
    show(fun2, fun() -> F = fun(1, b) -> ok end, {F(id(2), b)} end),
    Z = id(zz),
    show(fun_free, fun() -> F = fun(q) -> Z end, {F(id(r))} end),
    show(stdlib, fun() -> {lists:nth(id(3), [a])} end),
    show(big_args, fun() -> {small([1, 2, {3, "four"}, 5.0])} end),
    ok.
