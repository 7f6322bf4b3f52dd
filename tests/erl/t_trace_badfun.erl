%% badfun and badarity: the failing call's frame (twice when the call is
%% not in tail position: BEAM reports the call instruction and its
%% continuation), through apply/2 as well. Funs are not printed (their
%% hash is compiler specific): badarity reasons show only the arguments.
-module(t_trace_badfun).
-export([main/0, id/1, one/1]).

id(X) -> X.
one(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, clean(R)}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

clean({badarity, {F, Args}}) when is_function(F) -> {badarity, {fn, Args}};
clean(R) -> R.

call1(F) ->
    R = F(1),
    {call1, R}.

main() ->
    show(badfun_tail, fun() -> F = id(3), F(1) end),
    show(badfun, fun() -> F = id(an_atom), {F(1)} end),
    show(badfun_tuple, fun() -> F = id({?MODULE, one}), {F(1)} end),
    show(badfun_nested, fun() -> {call1(id(<<>>))} end),
    show(badarity_tail, fun() -> F = id(fun(A) -> A end), F(1, 2) end),
    show(badarity, fun() -> F = id(fun(A) -> A end), {F(1, 2)} end),
    show(badarity_ext, fun() -> F = id(fun ?MODULE:one/1), {F()} end),
    show(badarity_nested, fun() -> {call1(id(fun() -> x end))} end),
    show(apply2_badfun, fun() -> {apply(id(3), [1])} end),
    show(apply2_badarity, fun() -> {apply(id(fun one/1), [1, 2])} end),
    show(apply2_badarity_tail, fun() -> apply(id(fun one/1), [1, 2]) end),
    show(in_fun, fun() -> G = fun(H) -> {H(2)} end, {G(id(x))} end),
    ok.
