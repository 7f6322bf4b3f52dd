%% For tests/lazy/stats.sh: main(N) calls the first N of twenty
%% functions, so that girder's +Jstats counters show how many of them
%% were compiled (one per call under lazy compilation).
-module(lazy_many).
-export([main/1]).

main([N]) -> main(list_to_integer(N));
main(N) ->
    Fs = [fun f1/1, fun f2/1, fun f3/1, fun f4/1, fun f5/1, fun f6/1, fun f7/1,
          fun f8/1, fun f9/1, fun f10/1, fun f11/1, fun f12/1, fun f13/1,
          fun f14/1, fun f15/1, fun f16/1, fun f17/1, fun f18/1, fun f19/1,
          fun f20/1],
    R = [F(I) || {I, F} <- lists:zip(lists:seq(1, N), lists:sublist(Fs, N))],
    erlang:display(lists:sum(R)).

f1(X) -> X + 1.
f2(X) -> X + 2.
f3(X) -> X + 3.
f4(X) -> X + 4.
f5(X) -> X + 5.
f6(X) -> X + 6.
f7(X) -> X + 7.
f8(X) -> X + 8.
f9(X) -> X + 9.
f10(X) -> X + 10.
f11(X) -> X + 11.
f12(X) -> X + 12.
f13(X) -> X + 13.
f14(X) -> X + 14.
f15(X) -> X + 15.
f16(X) -> X + 16.
f17(X) -> X + 17.
f18(X) -> X + 18.
f19(X) -> X + 19.
f20(X) -> X + 20.
