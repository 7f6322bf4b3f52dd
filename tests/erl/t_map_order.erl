%% Iteration order (maps:keys/to_list/fold/iterator) for every size from 1
%% to 100 and for 1000, with integer, tuple, string and float keys; atom
%% keys in flatmaps (a big map of atoms hashes atom-table indexes, which
%% differ between VMs, so those are only compared sorted).
-module(t_map_order).
-export([main/0]).

main() ->
    Kinds = [
        {int, fun(I) -> I end},
        {neg, fun(I) -> -I * 7919 end},
        {tuple, fun(I) -> {I, I rem 3} end},
        {string, fun(I) -> "k" ++ integer_to_list(I) end},
        {float, fun(I) -> I / 4 end}
    ],
    lists:foreach(fun({Name, F}) ->
        erlang:display(Name),
        lists:foreach(fun(N) ->
            M = maps:from_list([{F(I), I} || I <- lists:seq(1, N)]),
            erlang:display(maps:values(M))
        end, lists:seq(1, 100))
    end, Kinds),
    M1000 = maps:from_list([{I, I} || I <- lists:seq(1, 1000)]),
    erlang:display(maps:keys(M1000)),
    erlang:display(maps:fold(fun(K, _, A) -> [K | A] end, [], M1000)),
    T1000 = maps:from_list([{{I}, I} || I <- lists:seq(1, 1000)]),
    erlang:display(maps:values(T1000)),
    S1000 = maps:from_list([{integer_to_list(I), I} || I <- lists:seq(1, 1000)]),
    erlang:display(maps:values(S1000)),
    It = iter(maps:iterator(M1000), []),
    erlang:display(It =:= lists:reverse(maps:keys(M1000))),
    Atoms = [list_to_atom("atom_" ++ integer_to_list(I)) || I <- lists:seq(1, 32)],
    erlang:display(maps:keys(maps:from_list([{A, 1} || A <- Atoms]))),
    BigAtoms = [list_to_atom("big_atom_" ++ integer_to_list(I)) || I <- lists:seq(1, 200)],
    BA = maps:from_list([{A, 1} || A <- BigAtoms]),
    erlang:display(lists:sort(maps:keys(BA)) =:= lists:sort(BigAtoms)),
    ok.

iter(I, Acc) ->
    case maps:next(I) of
        none -> lists:reverse(Acc);
        {K, _, I2} -> iter(I2, [K | Acc])
    end.
