-module(t_bin_append).
-export([main/0]).
id(X) -> X.
build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, <<Acc/binary, (N rem 256)>>).
build16(0, Acc) -> Acc;
build16(N, Acc) -> build16(N - 1, <<Acc/binary, N:16, "x">>).
bits(0, Acc) -> Acc;
bits(N, Acc) -> bits(N - 1, <<Acc/bitstring, (N rem 2):1>>).
main() ->
    T0 = erlang:monotonic_time(millisecond),
    B = build(1000000, <<>>),
    T1 = erlang:monotonic_time(millisecond),
    erlang:display(byte_size(B)),
    erlang:display(binary:part(B, 0, 10)),
    erlang:display(binary:last(B)),
    erlang:display((T1 - T0) < 5000),
    B2 = build16(100000, id(<<"start">>)),
    erlang:display(byte_size(B2)),
    erlang:display(binary:part(B2, byte_size(B2) - 6, 6)),
    Bs = bits(100001, <<>>),
    erlang:display(bit_size(Bs)),
    erlang:display(binary:part(Bs, 0, 4)),
    %% appending to a shared accumulator twice must not clobber
    A = build(100, <<>>),
    X = <<A/binary, 1>>,
    Y = <<A/binary, 2>>,
    Z = <<X/binary, 3>>,
    erlang:display({binary:last(X), binary:last(Y), binary:last(Z), byte_size(A), byte_size(X)}),
    W = <<A/binary, "tail">>,
    erlang:display(binary:part(W, 100, 4)),
    erlang:display(binary:part(X, 99, 2)),
    ok.
