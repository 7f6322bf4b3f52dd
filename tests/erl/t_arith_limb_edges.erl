%% Arithmetic and bitwise operations on integers around one 64-bit limb
%% (smalls, one-limb bignums, their negatives): results that need one,
%% two or more limbs, both signs, and the LCG step benchmarks use.
-module(t_arith_limb_edges).
-export([main/0]).

vals() ->
    L = [0, 1, -1, 576460752303423487, -576460752303423488, 576460752303423488,
         -576460752303423489, 9223372036854775807, -9223372036854775808,
         9223372036854775808, 18446744073709551615, -18446744073709551615,
         18446744073709551616, -18446744073709551616, 12345, 16#7FFFFFFF,
         170141183460469231731687303715884105727, -170141183460469231731687303715884105728],
    [id(X) || X <- L].

id(X) -> X.

next(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.
lcg(0, S) -> S;
lcg(N, S) -> lcg(N - 1, next(S)).

main() ->
    Vs = vals(),
    Ops = [{'+', fun(A, B) -> A + B end}, {'-', fun(A, B) -> A - B end},
           {'*', fun(A, B) -> A * B end}, {'band', fun(A, B) -> A band B end},
           {'bor', fun(A, B) -> A bor B end}, {'bxor', fun(A, B) -> A bxor B end}],
    lists:foreach(
      fun({Name, F}) ->
              R = [F(A, B) || A <- Vs, B <- Vs],
              io:format("~p ~p ~p~n", [Name, erlang:phash2(R), lists:sum([abs(X) rem 1000003 || X <- R])])
      end, Ops),
    io:format("~p~n", [[X * Y || X <- Vs, Y <- [3, -3, 1 bsl 62]]]),
    io:format("~p~n", [lcg(100000, 42)]),
    io:format("~p~n", [[(X band -1) =:= X || X <- Vs]]).
