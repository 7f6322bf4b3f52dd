%% Binaries and bit syntax: construction, matching, sizes, conversions.
-module(t_binaries).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    B = <<1, 2, 3, 255>>,
    erlang:display({B, byte_size(B), bit_size(B)}),
    <<A:8, Rest/binary>> = B,
    erlang:display({A, Rest}),
    erlang:display(<<16#1234:16, 16#56:8/little, -1:16/signed>>),
    <<X:16/big, Y:16/little>> = <<1, 2, 3, 4>>,
    erlang:display({X, Y}),
    erlang:display(binary_to_list(<<"hello">>)),
    erlang:display(list_to_binary([<<"ab">>, "cd", [$e, <<"f">>]])),
    erlang:display(binary_part(<<"abcdef">>, 1, 3)),
    erlang:display(<< <<(C + 1)>> || <<C>> <= <<"HAL">> >>),
    erlang:display([C || <<C:4>> <= <<16#AB, 16#CD>>]),
    erlang:display(<<1:1, 0:1, 1:1>>),
    erlang:display(term_to_binary({a, [1, 2]})),
    erlang:display(binary_to_term(term_to_binary({a, [1, 2], 1 bsl 80}))),
    erlang:display(integer_to_binary(id(1 bsl 70))),
    erlang:display(lists:sort([<<"b">>, <<"a">>, [], {x}, <<>>])),
    ok.
