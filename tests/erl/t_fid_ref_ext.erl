%% binary_to_term of local references in NEW_REFERENCE_EXT ('r') and NEWER_REFERENCE_EXT
%% ('Z'): one to three numbers, BEAM's 18-bit limit on the first one, phash/phash2 and
%% re-encoding; references girder makes survive the round trip. (A zero-length one is left
%% out: erl itself answers badarg or a reference, varying between runs.)
-module(t_fid_ref_ext).
-export([main/0]).

node_atom() -> <<100, 0, 13, "nonode@nohost">>.

new_ref(Words) ->
    W = << <<X:32>> || X <- Words >>,
    <<131, 114, (length(Words)):16, (node_atom())/binary, 0, W/binary>>.

newer_ref(Words, Cre) ->
    W = << <<X:32>> || X <- Words >>,
    <<131, 90, (length(Words)):16, (node_atom())/binary, Cre:32, W/binary>>.

dec(B) ->
    try binary_to_term(B) of
        T -> {T, erlang:phash(T, 16#FFFFFFFF), erlang:phash2(T), term_to_binary(T)}
    catch
        C:R -> {C, R}
    end.

main() ->
    Cases = [[122, 0, 0], [5], [5, 7], [16#3ffff, 16#ffffffff, 16#ffffffff], [16#40000, 0, 0],
             [0, 0, 0], [1, 2, 3, 4, 5, 6]],
    [erlang:display({W, dec(new_ref(W)), dec(newer_ref(W, 0))}) || W <- Cases],
    erlang:display(binary_to_term(new_ref([5])) < binary_to_term(new_ref([122, 0, 0]))),
    erlang:display(lists:sort([binary_to_term(new_ref(W)) || W <- [[3, 1], [1, 3], [2, 2, 2], [9]]])),
    %% Refs made here: 300000 of them push the counter past 18 bits.
    Rs = [make_ref() || _ <- lists:seq(1, 300000)],
    erlang:display(lists:all(fun(R) -> binary_to_term(term_to_binary(R)) =:= R end,
                             [hd(Rs), lists:nth(262143, Rs), lists:nth(262144, Rs),
                              lists:nth(262145, Rs), lists:last(Rs)])),
    erlang:display(lists:sort(Rs) =:= Rs),
    ok.
