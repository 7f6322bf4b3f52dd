%% Line numbers BEAM cannot represent (2^24 - 1 and above) are dropped:
%% the frame has an empty location list; smaller ones are kept.
-module(t_exc3_huge_line).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R:S -> {C, R, [Fr || {t_exc3_huge_line, _, _, _} = Fr <- S]}
    end.

-file("big_lines.erl", 16777212).
below(_) ->
    erlang:error(crash).

-file("big_lines.erl", 16777214).
at_limit(_) ->
    erlang:error(crash).

-file("huge_lines.erl", 100000000).
crash_huge_line(_) ->
    erlang:error(crash).

huge_badmatch(X) ->
    ok = X.

main() ->
    erlang:display(t(fun() -> below(1) end)),
    erlang:display(t(fun() -> at_limit(1) end)),
    erlang:display(t(fun() -> crash_huge_line(gurka) end)),
    erlang:display(t(fun() -> huge_badmatch(nope) end)),
    ok.
