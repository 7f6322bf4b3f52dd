%% exit/1 escaping main, after an after-clause prints.
-module(t_exc2_uncaught_exit).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display(one),
    try
        erlang:display(two),
        exit({shutdown_reason, id([1, 2, 3])})
    after
        erlang:display(after_runs)
    end.
