%% badarith from float instructions (overflow, division by zero, fconv of
%% non-numbers and huge bignums) and from the generic arithmetic BIFs,
%% caught and displayed with their stack traces.
-module(t_float_badarith).
-export([main/0, id/1]).

id(X) -> X.

mul(X, Y) when is_float(X), is_float(Y) -> X * Y.
add(X, Y) when is_float(X), is_float(Y) -> X + Y.
sub(X, Y) when is_float(X), is_float(Y) -> X - Y.
dvd(X, Y) when is_float(X) -> X / Y.
conv(X) -> X * 2.0.
sq(X) when is_float(X) -> Y = X * X, Y * Y.

r(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    M = id(1.0e300), Big = id(1 bsl 1100),
    erlang:display(catch mul(M, M)),
    erlang:display(catch add(1.7976931348623157e308, id(1.7976931348623157e308))),
    erlang:display(catch sub(-1.7976931348623157e308, id(1.7976931348623157e308))),
    erlang:display(catch dvd(1.0, id(0.0))),
    erlang:display(catch dvd(1.0, id(-0.0))),
    erlang:display(catch dvd(0.0, id(0.0))),
    erlang:display(catch dvd(1.0, id(0))),
    erlang:display(catch dvd(1.0, id(a))),
    erlang:display(catch dvd(1.0, Big)),
    erlang:display(catch conv(id(foo))),
    erlang:display(catch conv(Big)),
    erlang:display(catch conv(id([]))),
    erlang:display(catch sq(1.0e100)),
    erlang:display(r(fun() -> mul(1.0e200, 1.0e200) end)),
    erlang:display(r(fun() -> id(1.0) / id(0) end)),
    erlang:display(r(fun() -> id(1.0e308) * id(10) end)),
    erlang:display(r(fun() -> id(1.0e308) + id(1.0e308) end)),
    erlang:display(r(fun() -> id(a) + id(1.0) end)),
    erlang:display(r(fun() -> id(1) / id(0.0) end)),
    erlang:display(r(fun() -> -id(a) end)),
    erlang:display(r(fun() -> Big * 1.0 end)),
    erlang:display(r(fun() -> mul(1.0e-300, 1.0e-300) end)),
    erlang:display(r(fun() -> mul(5.0e-324, 0.5) end)),
    erlang:display(r(fun() -> dvd(5.0e-324, 2.0) end)),
    erlang:display(r(fun() -> conv(1 bsl 1023) end)),
    erlang:display(r(fun() -> conv(1 bsl 1024) end)),
    ok.
