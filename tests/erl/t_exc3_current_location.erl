%% process_info(self(), current_location | current_function): the caller's
%% own location, as exception_SUITE:line_numbers checks (a badmatch on the
%% result then shows the next line).
-module(t_exc3_current_location).
-export([main/0]).

-file("applied_bif.erl", 7).
applied_bif_2() ->
    R = process_info(self(), current_location),
    fail = R,
    ok.

helper(X) ->
    {process_info(self(), current_function), X}.

deeper(0) -> process_info(self(), [current_location, current_function]);
deeper(N) -> [_ | _] = deeper(N - 1).

main() ->
    erlang:display(catch applied_bif_2()),
    erlang:display(process_info(self(), current_location)),
    erlang:display(helper(1)),
    erlang:display(deeper(3)),
    Self = self(),
    spawn(fun() -> Self ! {child, process_info(self(), current_location)} end),
    receive {child, L} -> erlang:display(L) end,
    ok.
