%% main/0 fails with {badmatch,2}: the VM prints the
%% "init terminating in do_boot" term and exits with status 1.
-module(t_crash_main).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display(about_to_crash),
    1 = id(2),
    erlang:display(not_reached).
