-module(t_bifconv_lists).
-export([main/0]).

%% The yielding list BIFs on big inputs: results, errors and stack traces
%% as erl's, through every way of calling them.
main() ->
    N = 1000000,
    L = lists:seq(1, N),
    Bad = L ++ x,
    Len = fun erlang:length/1,
    erlang:display({length, length(L), apply(erlang, length, [L]), Len(L)}),
    erlang:display({length_guard, if length(L) > 5 -> big; true -> small end}),
    erlang:display(guard_len(Bad)),
    show(catch apply(erlang, length, [[a, b | c]])),
    {'EXIT', {badarg, [{erlang, length, [A1], _} | _]}} = (catch Len(Bad)),
    erlang:display({length_orig_arg, A1 =:= Bad}),
    {'EXIT', {badarg, [{erlang, length, [A2], _} | _]}} = (catch length(Bad)),
    erlang:display({length_body_orig_arg, A2 =:= Bad}),
    erlang:display({member, lists:member(N, L), lists:member(0, L),
                    lists:member(N + 0.0, L), lists:member({x}, [{y} | L] ++ [{x}])}),
    show(catch lists:member(N + 1, Bad)),
    erlang:display({member_hit_before_bad, lists:member(5, Bad)}),
    R = lists:reverse(L, [tail]),
    erlang:display({reverse, hd(R), length(R), lists:last(R), lists:nth(N, R)}),
    erlang:display({reverse1, hd(lists:reverse(L))}),
    erlang:display({reverse_improper_tail, hd(lists:reverse(L, x)), tl(lists:reverse([a], x))}),
    {'EXIT', {badarg, [{lists, reverse, [_, _], _} | _]}} = (catch lists:reverse(Bad, [])),
    erlang:display(reverse_badarg_ok),
    %% Non-tail and tail calls of trapping BIFs keep the caller's frame
    %% logic: the result comes back to the right place.
    erlang:display({nontail, 1 + rev_len(L)}),
    erlang:display({tail, tail_member(L)}),
    erlang:display({live_regs, keep(a, {b, L}, L, [c])}),
    Reds = reds(fun() -> apply(erlang, length, [L]) end),
    erlang:display({length_reds, Reds > 10000}),
    Reds2 = reds(fun() -> lists:reverse(L, []) end),
    erlang:display({reverse_reds, Reds2 > 10000}),
    Reds3 = reds(fun() -> lists:member(x, L) end),
    erlang:display({member_reds, Reds3 > 10000}),
    Reds4 = reds(fun() -> length(L) end),
    erlang:display({gc_bif_length_reds, Reds4 > 10000}),
    ok.

%% Registers live across a length/1 that yields in place keep their values.
keep(A, B, L, C) ->
    N = length(L),
    {A, element(1, B), N, C, length(element(2, B))}.

guard_len(L) when length(L) > 3 -> long;
guard_len(_) -> not_a_list_or_short.

rev_len(L) ->
    R = lists:reverse(L, []),
    length(R).

tail_member(L) ->
    lists:member(999999, L).

reds(F) ->
    {reductions, R0} = process_info(self(), reductions),
    _ = F(),
    {reductions, R1} = process_info(self(), reductions),
    R1 - R0.

show({'EXIT', {R, [{M, F, A, _} | _]}}) when is_list(A), length(A) > 2 ->
    erlang:display({R, M, F, length(A)});
show({'EXIT', {R, [{M, F, [A1 | _] = A, Info} | _]}}) when is_list(A) ->
    erlang:display({R, M, F, length(A), small(A1), Info});
show(X) -> erlang:display(X).

small(X) when is_list(X), length(X) > 10 -> {long_list, length(X)};
small(X) -> X.
