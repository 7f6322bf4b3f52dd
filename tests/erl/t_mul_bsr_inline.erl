%% Inline * and bsr on small integers: overflow to bignums, shifts, errors.
-module(t_mul_bsr_inline).
-export([main/0]).
main() -> V = [0, 1, -1, 7, -7, 1 bsl 30, -(1 bsl 30), 1 bsl 59 - 1, -(1 bsl 59), 123456789],
  erlang:display([X * Y || X <- V, Y <- V]),
  erlang:display([X bsr S || X <- V, S <- [0, 1, 3, 59, 60, 63, 64, 100, -1, -3]]),
  erlang:display(catch 3 * a), erlang:display(catch a bsr 1).
