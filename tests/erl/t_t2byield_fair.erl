-module(t_t2byield_fair).
-export([main/0]).

%% term_to_binary/1,2 and term_to_iovec/1,2 on terms far bigger than one
%% time slice: the bytes are erl's (for every option), the conversion is
%% resumable (another process runs while it is under way, and garbage
%% collections of the converting process between its slices move the
%% terms still to visit without changing the result).
main() ->
    Big = big(100000),
    B = term_to_binary(Big),
    erlang:display({plain, byte_size(B), erlang:phash2(B), binary:part(B, 1000000, 16)}),
    Big = binary_to_term(B),
    [opt(Big, O) || O <- [[], [compressed], [{compressed, 1}], [{compressed, 9}],
                          [{compressed, 0}], [{minor_version, 0}], [{minor_version, 2}],
                          [deterministic], [deterministic, {minor_version, 0}, compressed]]],
    %% erl splits an iovec at its large binaries (documented as a pure
    %% optimization); the concatenation is what counts.
    Iov = term_to_iovec(Big),
    erlang:display({iovec, is_list(Iov), iolist_to_binary(Iov) =:= B}),
    Iov2 = term_to_iovec(Big, [{minor_version, 1}]),
    erlang:display({iovec2, iolist_to_binary(Iov2) =:= B}),
    Z = term_to_iovec(Big, [compressed]),
    erlang:display({iovec_z, is_binary(Z), Z =:= term_to_binary(Big, [compressed])}),
    %% Incompressible: compression gives up, the plain form is returned.
    Noise = noise(1000000),
    NB = term_to_binary(Noise, [{compressed, 9}]),
    erlang:display({noise, byte_size(NB), NB =:= term_to_binary(Noise)}),
    %% Size of the external form: unchanged by yielding.
    erlang:display({external_size, erlang:external_size(Big) =:= byte_size(B)}),
    fairness(Big),
    gc_between_slices(),
    ok.

opt(T, O) ->
    Bin = term_to_binary(T, O),
    erlang:display({O, byte_size(Bin), erlang:phash2(Bin)}),
    T = binary_to_term(Bin).

%% Lists, tuples, maps (flat and hashed), floats, bignums, binaries,
%% sub-binaries, bitstrings, strings, atoms (latin-1 and not).
big(N) ->
    Bin = binary:copy(<<"0123456789">>, 5000),
    <<_:3, Bits:20003/bitstring, _/bitstring>> = Bin,
    Sub = binary:part(Bin, 7, 30000),
    Map = maps:from_list([{I, {I * 1.5, integer_to_list(I)}} || I <- lists:seq(1, 2000)]),
    Small = #{a => 1, b => [x, y], 'ÿé' => <<"v">>, 'Ω' => 2},
    L = [{I, I * I * I * I * 1000000007, [I rem 256, -I], float(I) / 7, 'été'}
         || I <- lists:seq(1, N)],
    {L, Bin, Bits, Sub, Map, Small, lists:seq(1, 70000), "a string", list_to_tuple(lists:seq(1, 300)),
     [1, 2 | improper]}.

noise(N) ->
    crypto_free_noise(N, 16#12345, []).

crypto_free_noise(0, _, Acc) -> list_to_binary(Acc);
crypto_free_noise(N, X, Acc) ->
    X1 = (X * 1103515245 + 12345) band 16#7fffffff,
    crypto_free_noise(N - 1, X1, [(X1 bsr 16) band 255 | Acc]).

%% A ticker notes the time every millisecond; we count its ticks that fall
%% while a big conversion ran. A conversion done in one go in a single
%% scheduler would leave none.
fairness(Big) ->
    Self = self(),
    Ticker = spawn(fun() -> tick([]) end),
    receive after 20 -> ok end,
    T0 = erlang:monotonic_time(microsecond),
    B = term_to_binary({Big, Big, Big, Big}),
    T1 = erlang:monotonic_time(microsecond),
    Ticker ! {get, Self},
    Ticks = receive {ticks, Ts} -> Ts end,
    During = length([T || T <- Ticks, T > T0, T < T1]),
    Ms = (T1 - T0) div 1000,
    erlang:display({fair, byte_size(B), During >= 3 orelse {During, Ms}}).

tick(Acc) ->
    receive
        {get, P} -> P ! {ticks, Acc}
    after 1 ->
        tick([erlang:monotonic_time(microsecond) | Acc])
    end.

%% Another process collects the converting one as often as it can while
%% the conversion runs; the terms it still has to visit move each time.
gc_between_slices() ->
    Self = self(),
    T = big(30000),
    Want = erlang:phash2(term_to_binary(T, [{minor_version, 1}])),
    Gc = spawn(fun() -> gc_loop(Self, 0) end),
    R = [erlang:phash2(term_to_binary(T)) || _ <- lists:seq(1, 3)],
    Gc ! {stop, self()},
    N = receive {collected, C} -> C end,
    erlang:display({gc, R =:= [Want, Want, Want], N > 0}).

gc_loop(P, N) ->
    receive
        {stop, From} -> From ! {collected, N}
    after 1 ->
        erlang:garbage_collect(P),
        gc_loop(P, N + 1)
    end.
