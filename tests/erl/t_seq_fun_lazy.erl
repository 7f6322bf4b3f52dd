-module(t_seq_fun_lazy).
-export([main/0, adder/1]).

%% Its lambda is decoded by t_seq_fun_unloaded before this module loads.
main() -> erlang:display(ok).

adder(N) -> fun(X) -> X + N end.
