%% badarith: BEAM reports `erlang:'+'/2` and friends as the top frame
%% (with error_info) except where its loader turns the operation into an
%% increment (`X + Int`, `Int + X`, `X - Int`, unary plus); `/` is a float
%% instruction and has no BIF frame either.
-module(t_trace_arith).
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

add(X, Y) -> {X + Y}.
add_const(X) -> {X + 1}.
const_add(X) -> {10 + X}.
sub_const(X) -> {X - 3}.
const_sub(X) -> {3 - X}.
mul(X, Y) -> {X * Y}.
idiv(X, Y) -> {X div Y}.
irem(X, Y) -> {X rem Y}.
fdiv(X, Y) -> {X / Y}.
neg(X) -> {-X}.
plus(X) -> {+X}.
bits(X, Y) -> {X band Y, X bsl Y}.
bnot_(X) -> {bnot X}.

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

main() ->
    show(add, fun() -> add(id(1), id(a)) end),
    show(add_const, fun() -> add_const(id(a)) end),
    show(const_add, fun() -> const_add(id("x")) end),
    show(sub_const, fun() -> sub_const(id(b)) end),
    show(const_sub, fun() -> const_sub(id(b)) end),
    show(mul, fun() -> mul(id(2), id({})) end),
    show(div_zero, fun() -> idiv(id(7), id(0)) end),
    show(div_atom, fun() -> idiv(id(x), id(2)) end),
    show(rem_zero, fun() -> irem(id(7), id(0)) end),
    show(fdiv_zero, fun() -> fdiv(id(1), id(0)) end),
    show(neg, fun() -> neg(id(c)) end),
    show(plus, fun() -> plus(id(d)) end),
    show(band_, fun() -> bits(id(1.5), id(2)) end),
    show(bnot_, fun() -> bnot_(id(2.0)) end),
    show(big, fun() -> idiv(id(1 bsl 80), id(0)) end),
    show(sum, fun() -> {sum([1, 2, x, 4])} end),
    show(inline, fun() -> X = id(5), {X div (X - 5)} end),
    ok.
