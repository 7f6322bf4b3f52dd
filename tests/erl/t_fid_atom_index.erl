%% BEAM's predefined atoms at BEAM's indexes: binary_to_term of the internal
%% atom references (ATOM_INTERNAL_REF2 'I', ATOM_INTERNAL_REF3 'K') and the
%% iteration order of large maps keyed by predefined atoms (hashed by the
%% atom word, so by the index).
-module(t_fid_atom_index).
-export([main/0]).

ref2(N) -> <<131, $I, N:16>>.
ref3(N) -> <<131, $K, N:24>>.

dec(B) ->
    try binary_to_term(B) of
        T -> T
    catch
        C:R -> {C, R}
    end.

main() ->
    %% Atoms 0..1072 are BEAM's own (atom.names, then bif.tab's names).
    erlang:display([dec(ref2(N)) || N <- lists:seq(0, 40)]),
    erlang:display([dec(ref3(N)) || N <- [17, 100, 500, 698, 699, 700, 1000, 1072]]),
    erlang:display(dec(<<131, $l, 0, 0, 0, 2, $I, 0, 1, $K, 0, 0, 0, $j>>)),
    erlang:display(dec(<<131, $h, 2, $I, 0, 7, $K, 0, 2, 0>>)),
    %% Out of range, truncated.
    erlang:display(dec(ref3(16#FFFFFF))),
    erlang:display(dec(ref2(16#FFFF))),
    erlang:display(dec(<<131, $I, 0>>)),
    erlang:display(dec(<<131, $K, 0, 0>>)),
    %% The same atom whichever way it is written.
    erlang:display(dec(ref2(1)) =:= true),
    erlang:display(dec(ref3(10)) =:= return),
    erlang:display(binary_to_term(ref2(12), [safe])),
    %% A map of 200 predefined atoms (a hash trie) iterates as on erl.
    Keys = [dec(ref2(N)) || N <- lists:seq(20, 219)],
    M = maps:from_list([{K, I} || {K, I} <- lists:zip(Keys, lists:seq(1, 200))]),
    erlang:display(maps:keys(M)),
    erlang:display(maps:to_list(maps:with(lists:sublist(Keys, 40, 60), M))),
    erlang:display(M),
    erlang:display(erlang:phash2(maps:keys(M))),
    %% Atoms the program creates come after BEAM's.
    New = list_to_atom("t_fid_atom_index_" ++ integer_to_list(erlang:unique_integer([positive]))),
    erlang:display(is_atom(New)),
    ok.
