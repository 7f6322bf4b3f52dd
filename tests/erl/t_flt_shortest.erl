%% Shortest round-trip printing of many pseudo-random doubles spread over
%% the whole exponent range (including subnormals): ~p, ~w, float_to_list
%% short, float_to_binary; every printed form must parse back exactly.
-module(t_flt_shortest).
-export([main/0]).

%% 64-bit xorshift, deterministic
next(X0) ->
    X1 = X0 bxor ((X0 bsl 13) band 16#FFFFFFFFFFFFFFFF),
    X2 = X1 bxor (X1 bsr 7),
    (X2 bxor ((X2 bsl 17) band 16#FFFFFFFFFFFFFFFF)) band 16#FFFFFFFFFFFFFFFF.

floats(0, _, Acc) -> Acc;
floats(N, S, Acc) ->
    S2 = next(S),
    %% avoid inf/nan exponents
    case (S2 bsr 52) band 16#7FF of
        16#7FF -> floats(N, S2, Acc);
        _ -> <<F:64/float>> = <<S2:64>>, floats(N - 1, S2, [F | Acc])
    end.

main() ->
    Fs = floats(3000, 88172645463325252, []),
    P = [io_lib:format("~p", [F]) || F <- Fs],
    W = [io_lib:format("~w", [F]) || F <- Fs],
    S = [float_to_list(F, [short]) || F <- Fs],
    B = [float_to_binary(F, [short]) || F <- Fs],
    io:format("~p~n", [[lists:flatten(X) || X <- P] =:= S]),
    io:format("~p~n", [[lists:flatten(X) || X <- W] =:= S]),
    io:format("~p~n", [[binary_to_list(X) || X <- B] =:= S]),
    io:format("~p~n", [lists:all(fun({F, Str}) -> list_to_float(Str) =:= F end, lists:zip(Fs, S))]),
    io:format("~p~n", [erlang:phash2(S)]),
    io:format("~p~n", [lists:sublist(S, 40)]),
    %% length statistics
    Lens = [length(X) || X <- S],
    io:format("~p ~p ~p~n", [lists:min(Lens), lists:max(Lens), lists:sum(Lens)]),
    %% small-magnitude decimals: N / 10^K
    Dec = [N / P10 || N <- lists:seq(1, 200, 7), P10 <- [10, 100, 1000, 1.0e6, 1.0e15]],
    io:format("~p~n", [[float_to_list(F, [short]) || F <- Dec]]),
    %% integers as floats: the switch to exponent notation
    io:format("~p~n", [[float_to_list(float(X), [short]) || X <- [1, 10, 100, 123456, 1000000, 1 bsl 50,
                                                                  1 bsl 53, (1 bsl 53) + 2, 1 bsl 60, 1 bsl 70,
                                                                  100000000000000000000, 1000000000000000000000]]]),
    %% neighbours of powers of ten
    Pw = [math:pow(10, E) || E <- lists:seq(-20, 25)],
    io:format("~p~n", [[{float_to_list(X, [short]), nextafter(X, up), nextafter(X, down)} || X <- [lists:nth(I, Pw) || I <- lists:seq(1, 46, 5)]]]),
    ok.

nextafter(X, up) -> <<I:64>> = <<X:64/float>>, <<Y:64/float>> = <<(I + 1):64>>, float_to_list(Y, [short]);
nextafter(X, down) -> <<I:64>> = <<X:64/float>>, <<Y:64/float>> = <<(I - 1):64>>, float_to_list(Y, [short]).
