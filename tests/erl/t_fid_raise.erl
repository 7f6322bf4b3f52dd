%% erlang:raise/3 with an invalid class or stack trace returns badarg (it does not raise)
%% however it is called: body call, tail call, apply/3, a fun, a dynamic M:F, in a catch.
-module(t_fid_raise).
-export([main/0, tail/3, body/3]).

tail(C, R, S) -> erlang:raise(C, R, S).

body(C, R, S) ->
    V = erlang:raise(C, R, S),
    {got, V}.

dyn(M, F, C, R, S) -> M:F(C, R, S).

%% Literal arguments: the compiler sees the call.
lit_tail() -> erlang:raise(foo, r, []).
lit_body() -> X = erlang:raise(foo, r, []), {x, X}.
lit_st() -> erlang:raise(error, r, [x | y]).
lit_guarded(X) when is_atom(X) -> erlang:raise(X, r, []).
lit_try() ->
    try erlang:raise(bad, r, []) of
        V -> {'of', V}
    catch
        C:R -> {caught, C, R}
    after
        erlang:raise(foo, r, [])
    end.

c(F) ->
    try F() of
        V -> {value, V}
    catch
        Cl:Re -> {Cl, Re}
    end.

main() ->
    Args = [[foo, r, []], [error, r, [x | y]], [error, r, bad], [1, r, []],
            [throw, r, [{m, f, 1, []}]], [error, r, [{m, f, 1, [{line, 3}]}]],
            [exit, r, [{m, f, [a], []}]], [error, r, [{m, f, 1, bad}]],
            [error, r, [{m, f, 1}]], [error, r, [{m, f, -1, []}]]],
    [begin
         [C, R, S] = A,
         erlang:display({A,
                         c(fun() -> tail(C, R, S) end),
                         c(fun() -> body(C, R, S) end),
                         c(fun() -> apply(erlang, raise, A) end),
                         c(fun() -> dyn(erlang, raise, C, R, S) end),
                         c(fun() -> (fun erlang:raise/3)(C, R, S) end),
                         catch erlang:raise(C, R, S)})
     end || A <- Args],
    erlang:display([c(fun lit_tail/0), c(fun lit_body/0), c(fun lit_st/0),
                    c(fun() -> lit_guarded(zap) end), c(fun lit_try/0),
                    catch lit_tail()]),
    ok.
