%% math module functions: values printed exactly (fixed decimals and the
%% shortest form), integer and bignum arguments, and the badarg/badarith
%% cases.
-module(t_float_math).
-export([main/0, id/1]).

id(X) -> X.

r(F) ->
    try F() catch C:R -> {C, R} end.

p(X) when is_float(X) -> {float_to_list(X, [{decimals, 10}]), float_to_list(X, [short])};
p(X) -> X.

main() ->
    Xs = [0.0, 0.5, -0.5, 1.0, 2, -3, 0.1, 10.0, 1.0e-8, 100],
    F1 = [{sin, fun math:sin/1}, {cos, fun math:cos/1}, {tan, fun math:tan/1},
          {asin, fun math:asin/1}, {acos, fun math:acos/1}, {atan, fun math:atan/1},
          {sinh, fun math:sinh/1}, {cosh, fun math:cosh/1}, {tanh, fun math:tanh/1},
          {asinh, fun math:asinh/1}, {acosh, fun math:acosh/1},
          {atanh, fun math:atanh/1}, {exp, fun math:exp/1}, {log, fun math:log/1},
          {log2, fun math:log2/1}, {log10, fun math:log10/1},
          {sqrt, fun math:sqrt/1}, {erf, fun math:erf/1}, {erfc, fun math:erfc/1},
          {ceil, fun math:ceil/1}, {floor, fun math:floor/1}],
    [erlang:display({N, X, p(r(fun() -> F(id(X)) end))}) || {N, F} <- F1, X <- Xs],
    Pairs = [{2, 10}, {2.0, 0.5}, {-8, 3}, {-8.0, 1/3}, {0, 0}, {0, -1}, {10, 400},
             {1.5, -2}, {7, 3}, {-7, 3}, {7.5, 2}, {1.0, 0.0}, {5, 1 bsl 70}],
    F2 = [{atan2, fun math:atan2/2}, {pow, fun math:pow/2}, {fmod, fun math:fmod/2}],
    [erlang:display({N, A, B, p(r(fun() -> F(id(A), id(B)) end))})
     || {N, F} <- F2, {A, B} <- Pairs],
    Big = id(1 bsl 80), Huge = id(1 bsl 2000),
    erlang:display([p(r(fun() -> F() end)) ||
        F <- [fun() -> math:sqrt(Big) end, fun() -> math:log(Big) end,
              fun() -> math:sin(Huge) end, fun() -> math:sin(id(a)) end,
              fun() -> math:pow(id(a), Huge) end, fun() -> math:pow(Huge, id(a)) end,
              fun() -> math:exp(id(710)) end, fun() -> math:exp(id(-1000)) end,
              fun() -> math:cosh(id(1000)) end, fun() -> math:log(id(-1)) end,
              fun() -> math:sqrt(id("4")) end, fun() -> math:pi() end,
              fun() -> math:pi() * 2 end, fun() -> math:floor(id(-0.5)) end,
              fun() -> math:ceil(id(-0.5)) end]]),
    %% a little trigonometry loop, summed exactly
    S = lists:foldl(fun(I, Acc) -> Acc + math:sin(I * 0.001) * math:cos(I * 0.002) end,
                    0.0, lists:seq(1, 5000)),
    erlang:display(p(S)),
    ok.
