%% Toy RSA with bignums: Miller-Rabin prime generation from a seeded PRNG,
%% extended Euclid for the private exponent, modular exponentiation by
%% squaring, CRT decryption, text encryption in blocks and signatures.
-module(t_app_rsa).
-export([main/0]).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    io:format("small primes: ~w~n", [[N || N <- lists:seq(2, 100), is_prime(N)]]),
    io:format("carmichael 561 prime? ~p, 2^61-1 prime? ~p, 2^67-1 prime? ~p~n",
              [is_prime(561), is_prime((1 bsl 61) - 1), is_prime((1 bsl 67) - 1)]),
    lists:foreach(fun(Bits) -> demo(Bits) end, [64, 128, 256, 512]),
    ok.

demo(Bits) ->
    {Pub = {N, E}, Priv} = keygen(Bits),
    io:format("== ~b-bit key: n has ~b bits, ~b decimal digits, e = ~b~n",
              [Bits, bit_length(N), length(integer_to_list(N)), E]),
    io:format("   n = ~s...~s~n", [lists:sublist(integer_to_list(N), 12),
                                   lists:nthtail(length(integer_to_list(N)) - 12, integer_to_list(N))]),
    Msg = <<"Attack at dawn! Bring the big integers, and coffee.">>,
    Blocks = to_blocks(Msg, (bit_length(N) - 1) div 8),
    Cipher = [powmod(B, E, N) || B <- Blocks],
    Plain = [decrypt_crt(C, Priv) || C <- Cipher],
    Back = from_blocks(Plain, (bit_length(N) - 1) div 8, byte_size(Msg)),
    io:format("   ~b blocks, first cipher block hex ~s~n",
              [length(Blocks), string:slice(integer_to_list(hd(Cipher), 16), 0, 24)]),
    io:format("   roundtrip ok: ~p, crt == plain: ~p~n",
              [Back =:= Msg, Plain =:= [powmod(C, element(1, Priv), N) || C <- Cipher]]),
    H = hash(Msg) rem N,
    Sig = powmod(H, element(1, Priv), N),
    io:format("   signature verifies: ~p, tampered verifies: ~p~n",
              [powmod(Sig, E, N) =:= H, powmod(Sig + 1, E, N) =:= H]),
    _ = Pub,
    ok.

bit_length(0) -> 0;
bit_length(N) -> 1 + bit_length(N bsr 1).

%% ---------------------------------------------------------------- primes
random_odd(Bits) ->
    R = rand_bits(Bits),
    R bor (1 bsl (Bits - 1)) bor 1.

rand_bits(Bits) ->
    Words = (Bits + 31) div 32,
    V = lists:foldl(fun(_, A) -> (A bsl 32) bor rand:uniform(1 bsl 32) - 1 end, 0, lists:seq(1, Words)),
    V band ((1 bsl Bits) - 1).

next_prime(N) ->
    case is_prime(N) of
        true -> N;
        false -> next_prime(N + 2)
    end.

is_prime(N) when N < 2 -> false;
is_prime(N) when N < 4 -> true;
is_prime(N) when N rem 2 =:= 0 -> false;
is_prime(N) ->
    case lists:any(fun(P) -> N rem P =:= 0 andalso N =/= P end, [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]) of
        true -> false;
        false ->
            {S, D} = split2(N - 1, 0),
            lists:all(fun(A) -> mr(A rem N, S, D, N) end, [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37])
    end.

split2(D, S) when D rem 2 =:= 0 -> split2(D div 2, S + 1);
split2(D, S) -> {S, D}.

mr(0, _, _, _) -> true;
mr(A, S, D, N) ->
    case powmod(A, D, N) of
        1 -> true;
        X -> loop(X, S - 1, N)
    end.

loop(X, _, N) when X =:= N - 1 -> true;
loop(_, 0, _) -> false;
loop(X, S, N) -> loop(X * X rem N, S - 1, N).

powmod(_, 0, _) -> 1;
powmod(B, E, M) -> powmod(B rem M, E, M, 1).
powmod(_, 0, _, Acc) -> Acc;
powmod(B, E, M, Acc) when E band 1 =:= 1 -> powmod(B * B rem M, E bsr 1, M, Acc * B rem M);
powmod(B, E, M, Acc) -> powmod(B * B rem M, E bsr 1, M, Acc).

%% ---------------------------------------------------------------- keys
keygen(Bits) ->
    P = next_prime(random_odd(Bits div 2)),
    Q = next_prime(random_odd(Bits - Bits div 2)),
    N = P * Q,
    Phi = (P - 1) * (Q - 1),
    E = pick_e(65537, Phi),
    D = modinv(E, Phi),
    1 = (E * D) rem Phi,
    {{N, E}, {D, P, Q, D rem (P - 1), D rem (Q - 1), modinv(Q, P)}}.

pick_e(E, Phi) ->
    case gcd(E, Phi) of
        1 -> E;
        _ -> pick_e(E + 2, Phi)
    end.

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

modinv(A, M) ->
    {G, X, _} = egcd(A, M),
    1 = G,
    ((X rem M) + M) rem M.

egcd(A, 0) -> {A, 1, 0};
egcd(A, B) ->
    {G, X, Y} = egcd(B, A rem B),
    {G, Y, X - (A div B) * Y}.

decrypt_crt(C, {_D, P, Q, DP, DQ, QInv}) ->
    M1 = powmod(C, DP, P),
    M2 = powmod(C, DQ, Q),
    H = (QInv * ((M1 - M2) rem P + P)) rem P,
    M2 + H * Q.

%% ---------------------------------------------------------------- encoding
to_blocks(Bin, Size) when byte_size(Bin) =< Size ->
    Pad = Size - byte_size(Bin),
    [binary:decode_unsigned(<<Bin/binary, 0:(Pad * 8)>>)];
to_blocks(Bin, Size) ->
    <<H:Size/binary, T/binary>> = Bin,
    [binary:decode_unsigned(H) | to_blocks(T, Size)].

from_blocks(Ints, Size, Len) ->
    All = << <<(pad_to(binary:encode_unsigned(I), Size))/binary>> || I <- Ints >>,
    binary:part(All, 0, Len).

pad_to(B, Size) -> <<0:((Size - byte_size(B)) * 8), B/binary>>.

hash(Bin) -> lists:foldl(fun(C, H) -> (H * 1000003 + C) band ((1 bsl 160) - 1) end, 5381, binary_to_list(Bin)).
