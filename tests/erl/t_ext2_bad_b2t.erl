%% binary_to_term/1,2 rejects the malformed inputs of binary_SUITE
%% (bad_binary_to_term, otp_8117, safe_binary_to_term2) with badarg.
-module(t_ext2_bad_b2t).
-export([main/0]).

b2t(B) -> b2t(B, []).
b2t(B, Opts) ->
    try binary_to_term(B, Opts) of
        T -> {ok, T}
    catch
        error:R -> R
    end.

bit_sized(Bin) ->
    Bits = bit_size(Bin) - 3,
    <<B:Bits/bits, _:3>> = Bin,
    B.

main() ->
    erlang:display([b2t(X) || X <- [<<131, 70, -1:64>>, <<131, 119, 1, 194, 163>>,
                                    bit_sized(term_to_binary({you, should, 'not', see})),
                                    <<131>>, <<>>, <<130, 97, 1>>, <<131, 97>>,
                                    <<131, 108, 0, 0, 0, 2, 97, 1, 106>>]]),
    FunBin = term_to_binary(fun() -> ok end),
    <<B1:27/binary, _:32, Rest/binary>> = FunBin,
    Named = term_to_binary(fun F() -> F end),
    <<N1:27/binary, _:32, NRest/binary>> = Named,
    Res = [{N,
            b2t(<<B1/binary, (-(1 bsl N)):32, Rest/binary>>),
            b2t(<<N1/binary, (-(1 bsl N)):32, NRest/binary>>),
            b2t(<<131, 104, 2, 108, (-(1 bsl N)):32, 97, 11, 104, 1, 97, 12, 97, 13, 106, 97, 14>>),
            b2t(<<131, 104, 2, 105, (-(1 bsl N)):32, 97, 11, 97, 12, 97, 13, 97, 14>>)}
           || N <- lists:seq(0, 31)],
    erlang:display(lists:usort([{A, B, C, D} || {_, A, B, C, D} <- Res])),
    erlang:display(b2t(<<131, 100, 0, 14, "undefined_atom">>, [safe])),
    BadHostAtom = <<100, 0, 14, "badguy@badhost">>,
    Empty = <<0, 0, 0, 0>>,
    erlang:display(b2t(<<131, 114, 0, 3, BadHostAtom/binary, 0, 0, 0, 0, 255,
                         Empty/binary, Empty/binary>>, [safe])),
    %% An existing atom (this module mentions it) decodes under [safe].
    erlang:display({fullsweep_after, b2t(<<131, 100, 0, 15, "fullsweep_after">>, [safe])}),
    erlang:display(b2t(<<131, 113, 100, 0, 4, 98, 108, 117, 101, 100, 0, 4,
                         109, 111, 111, 110, 97, 3>>, [safe])),
    %% A fun with more free variables than a function may have arguments
    %% (255) is refused; 255 itself decodes.
    erlang:display([{N, case b2t(fake_fun(lists:seq(1, N))) of {ok, F} -> is_function(F); E -> E end} || N <- [0, 255, 256, 257]]),
    ok.

fake_fun(Env0) ->
    <<131, Pid/binary>> = term_to_binary(self()),
    Env = << <<B/binary>> || T <- Env0, <<131, B/binary>> <- [term_to_binary(T)] >>,
    Mod = atom_to_binary(?MODULE),
    B = <<0, (erlang:md5([]))/binary, 0:32, (length(Env0)):32,
          $d, (byte_size(Mod)):16, Mod/binary, $a, 0, $b, 16#123456:32,
          Pid/binary, Env/binary>>,
    <<131, $p, (byte_size(B) + 4):32, B/binary>>.
