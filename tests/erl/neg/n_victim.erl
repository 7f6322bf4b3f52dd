%% A valid module whose compiled .beam the runner damages (truncates,
%% replaces by garbage, empties) to produce negative-input cases.
-module(n_victim).
-export([main/0]).

main() ->
    erlang:display(victim_ran),
    erlang:display(lists:seq(1, 10)).
