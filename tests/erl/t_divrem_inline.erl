%% Inline div and rem on small integers: signs, extremes, errors.
-module(t_divrem_inline).
-export([main/0]).
main() -> L = [{X, Y} || X <- [7, -7, 1 bsl 59 - 1, -(1 bsl 59), 0, 13], Y <- [1, -1, 2, -3, 1000000007, 1 bsl 40]],
  erlang:display([{X rem Y, X div Y} || {X, Y} <- L]),
  erlang:display(catch 1 div id(0)), erlang:display(catch 1 rem id(0)), erlang:display(catch id(a) rem 2).
id(X) -> X.
