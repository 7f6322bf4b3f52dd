%% An uncaught throw in main becomes {nocatch, V}; exit status 1.
-module(t_exc2_uncaught_throw).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display(start),
    R = try throw(id(caught)) catch throw:C -> C end,
    erlang:display(R),
    lists:foreach(fun(I) when I < 3 -> erlang:display(I);
                     (I) -> throw({stop_at, I})
                  end, lists:seq(1, 5)),
    erlang:display(not_reached).
