%% The binary append optimisation: accumulating in loops with various
%% segment types, keeping references to intermediate versions (which
%% must not be overwritten by later appends), and appending bits.
-module(t_bs_append_loop).
-export([main/0]).

id(X) -> X.

%% plain accumulator
acc(0, B) -> B;
acc(N, B) -> acc(N - 1, <<B/binary, (N rem 256):8, (N * 3):16/little>>).

%% accumulator whose intermediate versions are kept in a list
snap(0, B, L) -> {B, L};
snap(N, B, L) ->
    B2 = <<B/binary, N:8>>,
    snap(N - 1, B2, [B2 | L]).

%% two branches appending different things to the same base
fork(B) ->
    X = <<B/binary, "left">>,
    Y = <<B/binary, "right">>,
    {X, Y}.

%% bit-level accumulation
bits(0, B) -> B;
bits(N, B) -> bits(N - 1, <<B/bits, (N band 7):3>>).

%% utf8 accumulation
utf(<<>>, Acc) -> Acc;
utf(<<C/utf8, R/binary>>, Acc) -> utf(R, <<Acc/binary, (C + 1)/utf8>>).

%% float and binary segments in the accumulation
mixed(0, B) -> B;
mixed(N, B) -> mixed(N - 1, <<B/binary, (N / 2):64/float, (integer_to_binary(N))/binary, $;>>).

%% string escape, a classic append loop
esc(<<>>, Acc) -> Acc;
esc(<<$", R/binary>>, Acc) -> esc(R, <<Acc/binary, "\\\"">>);
esc(<<$\\, R/binary>>, Acc) -> esc(R, <<Acc/binary, "\\\\">>);
esc(<<C, R/binary>>, Acc) when C < 32 -> esc(R, <<Acc/binary, "\\u00", (hex(C div 16)), (hex(C rem 16))>>);
esc(<<C, R/binary>>, Acc) -> esc(R, <<Acc/binary, C>>).

hex(N) when N < 10 -> $0 + N;
hex(N) -> $a + N - 10.

main() ->
    A = acc(id(3000), <<>>),
    io:format("~p ~p ~p~n", [byte_size(A), erlang:phash2(A), binary:part(A, 0, 9)]),
    {Final, Snaps} = snap(id(100), id(<<"start">>), []),
    io:format("~p~n", [byte_size(Final)]),
    io:format("~p~n", [[byte_size(S) || S <- lists:sublist(Snaps, 5)]]),
    io:format("~p~n", [lists:all(fun(S) -> binary:longest_common_prefix([S, Final]) =:= byte_size(S) end, Snaps)]),
    io:format("~p~n", [[binary:last(S) || S <- lists:sublist(Snaps, 95, 6)]]),
    Base = acc(id(40), <<>>),
    {L, R} = fork(Base),
    io:format("~p ~p~n", [binary:part(L, byte_size(L), -6), binary:part(R, byte_size(R), -7)]),
    {L2, R2} = fork(L),
    io:format("~p ~p ~p~n", [byte_size(L2), byte_size(R2), L2 =/= R2]),
    Bs = bits(id(1000), <<>>),
    io:format("~p ~p~n", [bit_size(Bs), erlang:phash2(Bs)]),
    Bs2 = bits(id(5), <<1:1>>),
    io:format("~p~n", [Bs2]),
    io:format("~p~n", [utf(id(<<"abc€😀"/utf8>>), <<>>)]),
    M = mixed(id(50), <<>>),
    io:format("~p ~p~n", [byte_size(M), erlang:phash2(M)]),
    io:format("~s~n", [esc(id(<<"say \"hi\"\n\\ tab\t end">>), <<>>)]),
    %% append after matching the accumulator's prefix
    Big = acc(id(100), <<>>),
    <<Head:10/binary, _/binary>> = Big,
    Big2 = <<Big/binary, Head/binary>>,
    io:format("~p ~p~n", [byte_size(Big2), binary:part(Big2, 300, 10) =:= Head]),
    %% appending to a binary that was sent to another process
    Self = self(),
    P = spawn(fun() -> receive {B0} -> Self ! {got, byte_size(B0), erlang:phash2(B0)} end end),
    P ! {Big},
    Big3 = <<Big/binary, 1, 2, 3>>,
    receive {got, Sz, Hs} -> io:format("~p ~p ~p~n", [Sz, Hs =:= erlang:phash2(Big), byte_size(Big3)]) end,
    %% list of binaries joined by iteration vs iolist_to_binary
    Parts = [integer_to_binary(X) || X <- lists:seq(1, 500)],
    J = lists:foldl(fun(P1, Acc) -> <<Acc/binary, P1/binary, " ">> end, <<>>, Parts),
    io:format("~p~n", [J =:= iolist_to_binary([[P1, " "] || P1 <- Parts])]),
    ok.
