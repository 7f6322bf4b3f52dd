%% erlang:raise/3 and rethrowing: class and reason survive, stack top
%% frame stays that of the original raise site.
-module(t_raise).
-export([main/0, id/1]).

id(X) -> X.

top([{M, F, A, Loc} | _]) ->
    {M, F, A, case lists:keyfind(line, 1, Loc) of {line, L} -> L; false -> none end}.

main() ->
    erlang:display(reraise(fun() -> throw(id(t1)) end)),
    erlang:display(reraise(fun() -> exit(id(e1)) end)),
    erlang:display(reraise(fun() -> erlang:error(id(r1)) end)),
    erlang:display(reraise(fun() -> id(1) div id(0) end)),
    erlang:display(manual_raise(throw, id(x))),
    erlang:display(manual_raise(exit, id(y))),
    erlang:display(manual_raise(error, id(z))),
    erlang:display(bad_raise()),
    erlang:display(filtered(fun() -> throw(id(keep)) end)),
    erlang:display(filtered(fun() -> erlang:error(id(pass_through)) end)),
    erlang:display(cleanup_and_rethrow(id(7))),
    ok.

reraise(F) ->
    try
        try F()
        catch C:R:St -> erlang:raise(C, {wrapped, R}, St)
        end
    catch C2:R2:St2 -> {C2, R2, top(St2)}
    end.

manual_raise(C, R) ->
    try erlang:raise(C, R, [{somemod, somefun, 2, [{file, "x.erl"}, {line, 9}]}])
    catch C2:R2:St -> {C2, R2, top(St)}
    end.

bad_raise() ->
    try erlang:raise(id(notaclass), reason, [])
    catch C:R -> {C, R}
    end.

%% only error:pass_through escapes the inner try; it is re-raised
%% implicitly by the generated code
filtered(F) ->
    try
        try F()
        catch throw:X -> {inner_caught, X}
        end
    catch C:R:St -> {outer_caught, C, R, top(St)}
    end.

cleanup_and_rethrow(N) ->
    Self = self(),
    R = try
            try
                erlang:error({failed, N})
            catch error:E:St ->
                Self ! cleanup,
                erlang:raise(error, E, St)
            end
        catch error:E2 -> {got, E2}
        end,
    receive cleanup -> {R, cleanup_done} after 0 -> {R, no_cleanup} end.
