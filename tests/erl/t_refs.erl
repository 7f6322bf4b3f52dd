%% References: uniqueness, equality, use as keys and message tags, and
%% passing between processes.
-module(t_refs).
-export([main/0]).

main() ->
    Refs = [make_ref() || _ <- lists:seq(1, 10000)],
    erlang:display({unique, length(lists:usort(Refs)) =:= 10000}),
    [R1, R2 | _] = Refs,
    erlang:display({R1 =:= R1, R1 =:= R2, R1 == R2, R1 =/= R2, is_reference(R1)}),
    erlang:display({ref_vs_types, R1 > 1 bsl 100, R1 > atom, R1 < self(), R1 < {}, R1 < []}),
    KV = [{R, I} || {R, I} <- lists:zip(Refs, lists:seq(1, 10000))],
    Target = lists:nth(7777, Refs),
    erlang:display(lists:keyfind(Target, 1, KV) =:= {Target, 7777}),
    %% a ref round-trips through another process unchanged
    Self = self(),
    P = spawn(fun() -> receive {echo, From, X} -> From ! {back, X} end end),
    P ! {echo, Self, {R1, [R2]}},
    receive {back, {Back1, [Back2]}} ->
            erlang:display({same_after_copy, Back1 =:= R1, Back2 =:= R2})
    end,
    %% refs created in another process are distinct from ours
    Q = spawn(fun() -> Self ! {theirs, [make_ref() || _ <- lists:seq(1, 100)]} end),
    _ = Q,
    receive {theirs, Theirs} ->
            erlang:display({disjoint, [X || X <- Theirs, lists:member(X, Refs)] =:= []})
    end,
    ok.
