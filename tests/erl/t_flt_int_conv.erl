%% Integer <-> float conversion at the edges: float/1 of bignums rounds to
%% nearest-even (checked against a bit-level reference), trunc/round/
%% floor/ceil of floats 2^52..2^1023 give exact bignums, arithmetic mixing
%% bignums and floats, and the overflow cases.
-module(t_flt_int_conv).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

%% reference: round a positive integer to 53 significant bits, ties to even
ref_round(N) ->
    L = bitlen(N, 0),
    case L =< 53 of
        true -> N;
        false ->
            Sh = L - 53,
            Q = N bsr Sh,
            Rem = N band ((1 bsl Sh) - 1),
            Half = 1 bsl (Sh - 1),
            Q2 = if Rem > Half -> Q + 1;
                    Rem < Half -> Q;
                    Q band 1 =:= 1 -> Q + 1;
                    true -> Q
                 end,
            Q2 bsl Sh
    end.

bitlen(0, A) -> A;
bitlen(N, A) -> bitlen(N bsr 1, A + 1).

main() ->
    Base = [1 bsl 53, 1 bsl 54, 1 bsl 60, 1 bsl 64, 1 bsl 100, 1 bsl 500, 1 bsl 1000],
    Offs = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 1 bsl 40, (1 bsl 40) + 1],
    Ns = [B + O || B <- Base, O <- Offs] ++ [B - O || B <- Base, O <- Offs, B - O > 0],
    Checks = [{N, trunc(float(id(N))) =:= ref_round(N), float(id(-N)) =:= -float(N)} || N <- Ns],
    io:format("~p~n", [[{N, A, B} || {N, A, B} <- Checks, not (A andalso B)]]),
    io:format("~p~n", [[float(id(N)) || N <- lists:sublist(Ns, 1, 14)]]),
    %% exact integer values of big floats
    Fs = [4503599627370496.5, 9007199254740993.0, 1.0e20, 1.2345678901234567e30, 1.0e100,
          -1.0e100, 8.98846567431158e307, 1.7976931348623157e308, -1.7976931348623157e308],
    io:format("~p~n", [[{trunc(id(F)), round(id(F)) =:= trunc(F), floor(id(F)) =:= ceil(F)} || F <- Fs]]),
    %% values just around .5 in the 2^52 range
    Halves = [4503599627370495.5, 4503599627370494.5, -4503599627370495.5, 2251799813685247.5, 0.5, 1.5, -0.5],
    io:format("~p~n", [[{round(id(H)), trunc(H), floor(H), ceil(H)} || H <- Halves]]),
    %% mixed arithmetic: bignum op float converts the bignum
    io:format("~p~n", [[id(1 bsl 70) + 0.5, id(1 bsl 70) * 1.0, id(1 bsl 70) / 3, id(-(1 bsl 70)) - 1.0e21,
                        id(3) / id(1 bsl 70), id(1 bsl 1000) / id(1 bsl 990)]]),
    %% too large to be a float
    io:format("~p~n", [[e(fun() -> float(id(X)) end) || X <- [1 bsl 1024, -(1 bsl 1024), (1 bsl 1024) - (1 bsl 970)]]]),
    io:format("~p~n", [[e(fun() -> id(X) + 0.0 end) || X <- [1 bsl 1024, (1 bsl 1024) - (1 bsl 971)]]]),
    io:format("~p~n", [e(fun() -> id(1 bsl 2000) / id(1 bsl 1990) end)]),
    io:format("~p~n", [[e(fun() -> id(X) * 1.0 end) || X <- [(1 bsl 1024) - (1 bsl 970) - 1]]]),
    %% float comparisons with bignums are exact
    io:format("~p~n", [[{id(1 bsl 1000) < 1.0e301, id(1 bsl 1000) > 1.0e300, id((1 bsl 1000) + 1) > float(1 bsl 1000)}]]),
    %% integer_to_list of truncated big floats
    io:format("~p~n", [integer_to_list(trunc(id(1.0e50)))]),
    io:format("~p~n", [[float_to_list(float(id(N)), [short]) || N <- [(1 bsl 53) + 1, (1 bsl 53) + 3, 123456789012345678901234567890]]]),
    ok.
