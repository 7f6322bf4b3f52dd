-module(t_recv_timeout_value).
-export([main/0]).
%% gh-5235: a receive whose after-value is bad raises timeout_value and must
%% leave the next receive scanning the queue from the start (also with a
%% reference-optimised receive after it).
main() ->
    id(self()) ! init,
    R = try receive blipp -> ok after blupp -> ok end catch C:E -> {C,E} end,
    erlang:display(R),
    receive init -> erlang:display(got_init) after 500 -> erlang:display(missing) end,
    id(self()) ! init2,
    R2 = try receive blapp -> ok after id(blepp) -> ok end catch C2:E2 -> {C2,E2} end,
    erlang:display(R2),
    Ref = make_ref(), id(self()) ! Ref,
    receive init2 -> erlang:display(got_init2) after 500 -> erlang:display(missing2) end,
    receive Ref -> erlang:display(got_ref) after 500 -> erlang:display(missing_ref) end.
id(X) -> X.
