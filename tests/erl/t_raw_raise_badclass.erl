%% erlang:raise/3 with a class that is not one returns badarg instead of
%% raising, also where the compiler turns it into the raw_raise
%% instruction (inside a catch clause with the caught stacktrace).
-module(t_raw_raise_badclass).
-export([main/0]).

main() ->
    R = try fail(x)
        catch error:Reason:St -> erlang:raise(id(bad_class), Reason, St)
        end,
    erlang:display(R),
    R2 = try fail(y)
         catch error:Reason2:St2 -> {raised, erlang:raise(id(exit), Reason2, St2)}
         end,
    erlang:display(R2),
    erlang:display(catch (try fail(z) catch C:Z:St3 -> erlang:raise(id(C), Z, St3) end)),
    erlang:display(catch erlang:raise(id(foo), x, [])),
    erlang:display(catch erlang:raise(error, x, id(not_a_trace))),
    ok.

fail(X) -> error({fail, X}).
id(X) -> X.
