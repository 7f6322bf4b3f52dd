-module(t_binyield_iolist).
-export([main/0]).

%% list_to_binary/1, iolist_to_binary/1 and binary:match/2 on inputs far
%% bigger than one time slice: results, errors after many yields (still
%% reported with the original argument), and fairness (another process
%% runs while a big conversion is under way).
main() ->
    %% A ~20 MB nested iolist of small lists, binaries and sub-binaries.
    Big = big_iolist(),
    B = iolist_to_binary(Big),
    erlang:display({size, byte_size(B), iolist_size(Big)}),
    erlang:display({hash, erlang:phash2(B), binary:part(B, 1000000, 20)}),
    B = list_to_binary(Big),
    erlang:display({same_as_l2b, true}),
    %% A single 10 MB binary inside a list, copied in pieces.
    Ten = binary:copy(<<"0123456789">>, 1000000),
    T2 = iolist_to_binary([$a, Ten, [Ten | <<"z">>]]),
    erlang:display({ten, byte_size(T2), binary:last(T2), binary:at(T2, 10000001)}),
    %% Unaligned sub-binaries (whole bytes, bit offset) in the middle.
    <<_:3, Un:8000000/binary, _/bitstring>> = binary:copy(<<"xyz">>, 2666668),
    U = iolist_to_binary([Un, "tail"]),
    erlang:display({unaligned, byte_size(U), erlang:phash2(U)}),
    %% Deeply nested: [[[...]]] a million deep.
    Deep = lists:foldl(fun(I, Acc) -> [Acc, I rem 256] end, [], lists:seq(1, 1000000)),
    D = list_to_binary(Deep),
    erlang:display({deep, byte_size(D), erlang:phash2(D)}),
    %% Errors after yields: the original argument in the stack trace.
    Bad = [Big, atom_here],
    erlang:display(err(fun() -> iolist_to_binary(Bad) end, Bad)),
    erlang:display(err(fun() -> list_to_binary(Bad) end, Bad)),
    Bad2 = [Big | tail],
    erlang:display(err(fun() -> iolist_to_binary(Bad2) end, Bad2)),
    Bad3 = [Big, 256],
    erlang:display(err(fun() -> list_to_binary(Bad3) end, Bad3)),
    Bad4 = [Big, <<1:3>>],
    erlang:display(err(fun() -> iolist_to_binary(Bad4) end, Bad4)),
    erlang:display(err(fun() -> list_to_binary(Ten) end, Ten)),
    erlang:display(byte_size(iolist_to_binary(Ten))),
    %% binary:match on a 10 MB subject.
    Subj = <<Ten/binary, "needle", Ten/binary, "ne", "edle2">>,
    erlang:display(binary:match(Subj, <<"needle">>)),
    erlang:display(binary:match(Subj, [<<"needle2">>, <<"needle">>])),
    erlang:display(binary:match(Subj, <<"eedle2">>)),
    erlang:display(binary:match(Subj, <<"absent">>)),
    erlang:display(binary:match(Subj, binary:compile_pattern([<<"ne">>, <<"needle">>]))),
    %% A match straddling every plausible chunk boundary.
    [span(N) || N <- [39999, 40000, 40001, 65535, 65536, 262143, 1000000, 1048575]],
    erlang:display(err2(fun() -> binary:match(Subj, <<>>) end, [Subj, <<>>])),
    erlang:display(err2(fun() -> binary:match(Subj, []) end, [Subj, []])),
    erlang:display(catch binary:match(foo, <<"a">>)),
    fairness(Big),
    ok.

span(N) ->
    S = <<(binary:copy(<<"a">>, N))/binary, "bc", (binary:copy(<<"a">>, 3000000))/binary>>,
    erlang:display({span, N, binary:match(S, <<"abc">>), binary:match(S, <<"bca">>)}).

big_iolist() ->
    Chunk = [<<"abcdefghij">>, "klmnop", [$q, [$r, <<"st">>], []], <<"uvwxyz0123">>],
    Sub = binary:part(binary:copy(<<"0123456789">>, 200), 5, 1000),
    [[Chunk, I rem 256, Sub] || I <- lists:seq(1, 19000)] ++ [lists:duplicate(1000, Chunk)].

err(F, Orig) ->
    try F() of
        R -> {no_error, byte_size(R)}
    catch
        error:Reason:St ->
            [{M, Fn, Args, _} | _] = St,
            {Reason, M, Fn, Args =:= [Orig]}
    end.

err2(F, Args) ->
    try F() of
        R -> {no_error, R}
    catch
        error:Reason:St ->
            [{M, Fn, As, _} | _] = St,
            {Reason, M, Fn, As =:= Args}
    end.

%% A ticker notes the time every millisecond; we count its ticks that fall
%% while a big conversion ran. A conversion done in one go in a single
%% scheduler would leave none.
fairness(Big0) ->
    Big = [Big0, Big0],
    Self = self(),
    Ticker = spawn(fun() -> tick([]) end),
    receive after 20 -> ok end,
    T0 = erlang:monotonic_time(microsecond),
    B = iolist_to_binary(Big),
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
