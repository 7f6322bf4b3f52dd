%% erlang:system_info/1 for the portable items, and badarg for junk.
-module(t_system_info).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display([erlang:system_info(X) || X <- [wordsize, {wordsize, internal},
                                                   {wordsize, external}, otp_release,
                                                   context_reductions, creation]]),
    erlang:display(is_integer(erlang:system_info(process_limit))),
    erlang:display(catch erlang:system_info(id(no_such_item))),
    ok.
