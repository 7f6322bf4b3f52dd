-module(t_seq_fun_unloaded_m).
-export([main/0, adder/1]).

%% Its lambda is decoded by t_seq_fun_unloaded before this module loads
%% (named so that every pattern selecting that test selects this too).
main() -> erlang:display(ok).

adder(N) -> fun(X) -> X + N end.
