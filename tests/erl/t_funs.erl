%% Funs: local funs, closures capturing many variables, external funs
%% (fun M:F/A), funs passed through data structures, recursion via funs,
%% calls on funs whose type is known (call_fun2) and unknown (call_fun).
-module(t_funs).
-export([main/0, id/1, add/2, twice/1, compose/2]).

id(X) -> X.
add(A, B) -> A + B.
twice(F) -> fun(X) -> F(F(X)) end.
compose(F, G) -> fun(X) -> F(G(X)) end.

main() ->
    Inc = fun(X) -> X + 1 end,
    erlang:display({Inc(1), (twice(Inc))(10), (twice(twice(Inc)))(0)}),
    K = id(100),
    AddK = fun(X) -> X + K end,
    erlang:display([AddK(X) || X <- [1, 2, 3]]),
    Ext = fun ?MODULE:add/2,
    Ext2 = fun erlang:'*'/2,
    erlang:display({Ext(2, 3), Ext2(4, 5), apply(Ext, [10, 20])}),
    erlang:display(Ext),
    erlang:display(fun lists:reverse/1),
    erlang:display(lists:map(fun erlang:abs/1, [-1, 2, -3])),
    erlang:display(lists:foldl(fun ?MODULE:add/2, 0, lists:seq(1, 10))),
    C = compose(fun(X) -> X * 2 end, fun(X) -> X + 3 end),
    erlang:display(C(id(4))),
    erlang:display(known(Inc, id(41))),
    erlang:display(known(fun(X) -> {wrapped, X} end, id(1))),
    erlang:display(counter_demo()),
    erlang:display(many_captures(id(1), id(2), id(3), id(4), id(5))),
    erlang:display(fact_y(id(20))),
    erlang:display(pipeline([fun(X) -> X + 1 end, fun(X) -> X * 10 end,
                             fun ?MODULE:id/1, fun(X) -> X - 3 end], 5)),
    Table = [{plus, fun erlang:'+'/2}, {minus, fun erlang:'-'/2}, {pair, fun(A, B) -> {A, B} end}],
    erlang:display([F(7, 3) || {_, F} <- Table]),
    erlang:display({is_function(Inc), is_function(Inc, 1), is_function(Ext, 2), is_function(Ext, 3)}),
    Zero = fun() -> zero end,
    erlang:display(Zero()),
    erlang:display(adder_list(id(5))),
    erlang:display(fun_in_fun(id(3))),
    erlang:display(self_apply(fun(F, 0) -> F; (_, N) -> N end)),
    ok.

known(F, X) when is_function(F, 1) -> F(X).

counter_demo() ->
    Make = fun(Start) -> fun(Step) -> Start + Step end end,
    C10 = Make(10), C20 = Make(20),
    {C10(1), C20(1), C10(C20(0))}.

many_captures(A, B, C, D, E) ->
    F = fun(X) -> [A * X, B * X, C * X, D * X, E * X] end,
    G = fun(X, Y) -> {F(X), F(Y), A + B + C + D + E} end,
    G(1, 10).

%% recursion through a fun argument (Y-combinator style)
fact_y(N) ->
    Fact = fun(_, 0) -> 1; (Self, M) -> M * Self(Self, M - 1) end,
    Fact(Fact, N).

pipeline(Fs, X) -> lists:foldl(fun(F, Acc) -> F(Acc) end, X, Fs).

adder_list(N) ->
    Adders = [fun(X) -> X + I end || I <- lists:seq(1, N)],
    [A(100) || A <- Adders].

fun_in_fun(N) ->
    Outer = fun(X) ->
                    Inner = fun(Y) -> X * Y + N end,
                    [Inner(Z) || Z <- [1, 2, 3]]
            end,
    Outer(10).

self_apply(F) -> F(F, 7).
