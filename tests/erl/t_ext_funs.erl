-module(t_ext_funs).
-export([main/0, mk/1]).
%% Funs in the external format: local funs (NEW_FUN_EXT), export funs.
%% The creator pid differs between VMs, so it is masked.
replace(L, Pat, New) -> replace(L, Pat, New, []).
replace([], _, _, Acc) -> lists:reverse(Acc);
replace(L, Pat, New, Acc) ->
    case lists:prefix(Pat, L) of
        true -> replace(lists:nthtail(length(Pat), L), Pat, New, lists:reverse(New, Acc));
        false -> replace(tl(L), Pat, New, [hd(L) | Acc])
    end.
show(T) ->
    Pid = tl(binary_to_list(term_to_binary(self()))),
    erlang:display(replace(binary_to_list(term_to_binary(T)), Pid, [pid])).
mk(N) -> fun(X) -> X + N end.
main() ->
    F0 = fun() -> ok end,
    F1 = mk(10),
    Y = {a, "b"},
    F2 = fun(A, B) -> {A, B, Y, F1} end,
    E = fun lists:reverse/1,
    [show(T) || T <- [F0, F1, F2, E, [F0, {F1}]]],
    G1 = binary_to_term(term_to_binary(F1)),
    erlang:display(G1(5)),
    G2 = binary_to_term(term_to_binary(F2)),
    {1, 2, Y, G3} = G2(1, 2),
    erlang:display(G3(1)),
    erlang:display(G1 =:= F1),
    G4 = binary_to_term(term_to_binary(E)),
    erlang:display(G4([1, 2, 3])),
    erlang:display([erlang:external_size(T) - byte_size(term_to_binary(T)) || T <- [F0, F1, F2, E]]),
    erlang:display([erlang:phash2(T) || T <- [E, fun erlang:'+'/2]]),
    ok.
