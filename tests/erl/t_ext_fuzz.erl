-module(t_ext_fuzz).
-export([main/0]).
%% binary_to_term on mutated term_to_binary outputs: the number of
%% successes, a digest of the decoded values and of the failures must be
%% erl's exactly. Deterministic PRNG (LCG) written here. Bytes 73 and 75
%% are BEAM's internal atom-index references (ATOM_INTERNAL_REF2/3), which
%% depend on BEAM's atom table: mutations never write them and seeds
%% holding them are left out.
next(S) -> (S * 1103515245 + 12345) band 16#7fffffff.
seeds() ->
    [{a, [1, 2, 3], "str", <<"bin">>}, #{k => v, 1 => [2.5]}, [1000, -5, 1 bsl 70, 3.0e10],
     {{}, [], <<1:3>>, 'héllo', {x, y, z}}, lists:seq(1, 40), [a | b], <<"a binary of some length">>,
     {1.0, -1.0, 123456789012}, #{[1] => #{2 => 3}}, [{I, I * I} || I <- lists:seq(1, 12)]].
mutate(L, S0) ->
    S1 = next(S0),
    N = length(L),
    case S1 rem 5 of
        0 -> %% flip one byte
            S2 = next(S1), P = S2 rem N, S3 = next(S2),
            {setnth(P, L, S3 rem 256), S3};
        1 -> %% truncate
            S2 = next(S1), {lists:sublist(L, S2 rem N), S2};
        2 -> %% set a byte to a small or boundary value
            S2 = next(S1), P = S2 rem N, S3 = next(S2),
            V = lists:nth(S3 rem 8 + 1, [0, 1, 255, 127, 128, 97, 106, 104]),
            {setnth(P, L, V), S3};
        3 -> %% append junk
            S2 = next(S1), {setnth(N, L ++ [0], S2 rem 256) ++ [0], S2};
        4 -> %% two flips
            {L2, S2} = mutate_flip(L, S1), mutate_flip(L2, S2)
    end.
mutate_flip(L, S0) ->
    S1 = next(S0), P = S1 rem length(L), S2 = next(S1),
    {setnth(P, L, S2 rem 256), S2}.
setnth(0, [_ | T], 73) -> [0 | T];
setnth(0, [_ | T], 75) -> [0 | T];
setnth(0, [_ | T], V) -> [V | T];
setnth(I, [H | T], V) -> [H | setnth(I - 1, T, V)].
run(_, 0, S, Acc) -> {Acc, S};
run(Bins, K, S0, {Ok, Err, Dig}) ->
    S1 = next(S0),
    Base = lists:nth(S1 rem length(Bins) + 1, Bins),
    {M, S2} = mutate(Base, S1),
    R = try binary_to_term(list_to_binary(M)) of
            Val -> {ok, Val}
        catch error:badarg -> error
        end,
    Acc = case R of
              {ok, V} -> {Ok + 1, Err, (Dig * 31 + erlang:phash2(V)) rem 1000000007};
              error -> {Ok, Err + 1, (Dig * 7 + 1) rem 1000000007}
          end,
    run(Bins, K - 1, S2, Acc).
main() ->
    Bins = [binary_to_list(term_to_binary(T)) || T <- seeds()] ++
           [binary_to_list(term_to_binary(T, [{minor_version, 0}])) || T <- seeds()],
    Clean = [B || B <- Bins, not lists:member(73, B), not lists:member(75, B)],
    erlang:display(length(Clean)),
    {Res, _} = run(Clean, 20000, 42, {0, 0, 0}),
    erlang:display(Res),
    ok.
