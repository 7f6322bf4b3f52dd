%% math module and float arithmetic edges: trig/hyperbolic/log/pow/
%% floor/ceil/fmod, pi, and errors on domain violations.
-module(t_std_math).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

r(X) -> round(X * 1.0e9) / 1.0e9.

main() ->
    p(math:pi()),
    p([r(math:F(0.5)) || F <- [sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, atanh, exp, log, log2, log10, sqrt, erf, erfc]]),
    p(r(math:acosh(2.0))),
    p(r(math:atan2(1.0, -1.0))),
    p(math:pow(2, 10)),
    p(math:pow(2.0, -1)),
    p(math:pow(10, 20)),
    p({math:floor(-2.5), math:ceil(-2.5), math:floor(3), math:ceil(3.0001)}),
    p({math:fmod(10.5, 3), math:fmod(-7, 2)}),
    p({math:sqrt(16), math:log(1), math:exp(0), math:log2(1024), math:log10(1000)}),
    p([catch math:F(A) || {F, A} <- [{sqrt, -1}, {log, 0}, {log, -1.0}, {acos, 2}, {asin, -1.5}]]),
    p(catch math:pow(0.0, -1)),
    p(catch math:exp(1000)),
    p(catch math:sin(a)),
    p({trunc(-3.7), round(-3.5), round(2.5), floor(-0.5), ceil(-0.5)}),
    p({abs(-3), abs(-3.5), 7 / 2, 7 div 2, -7 div 2, -7 rem 2}),
    p({float(3), 1.0e300 * 10, 1.0e-300 / 1.0e10}),
    p([X * 0.1 || X <- lists:seq(1, 10)]),
    p(0.1 + 0.2),
    p(1 / 3),
    p({2.0e15, 1.0e16, 123456789012345.6, 0.000123, 1.0e-5}),
    p(catch 1.0e308 * 10),
    ok.
