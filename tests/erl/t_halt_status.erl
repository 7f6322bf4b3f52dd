%% erlang:halt(3): output before the halt is flushed, the exit status is 3,
%% and nothing after the halt runs.
-module(t_halt_status).
-export([main/0]).

main() ->
    erlang:display(before_halt),
    erlang:display(lists:seq(1, 5)),
    erlang:halt(3),
    erlang:display(after_halt_must_not_print).
