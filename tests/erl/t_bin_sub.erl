-module(t_bin_sub).
-export([main/0]).
id(X) -> X.
main() ->
    B = id(list_to_binary(lists:seq(0, 99))),
    <<_:10/binary, Mid:20/binary, _/binary>> = B,
    erlang:display(Mid),
    erlang:display(byte_size(Mid)),
    <<_:3, Sub:5/binary, _/binary>> = Mid,
    erlang:display(Sub),
    erlang:display(binary_part(B, 95, 5)),
    erlang:display(binary_part(B, {100, -3})),
    erlang:display(binary_part(B, 0, 0)),
    erlang:display(split_binary(B, 98)),
    erlang:display(split_binary(id(<<"ab">>), 0)),
    {X, Y} = split_binary(Mid, 7),
    erlang:display({X, Y}),
    erlang:display(<<X/binary, Y/binary>> =:= Mid),
    <<_:4, Odd/bits>> = Mid,
    erlang:display(bit_size(Odd)),
    <<Q:7/binary, _/bits>> = Odd,
    erlang:display(Q),
    erlang:display(binary:referenced_byte_size(Sub) >= 5),
    erlang:display(binary:copy(Sub) =:= Sub),
    erlang:display(binary_to_list(B, 1, 4)),
    erlang:display(catch binary_part(B, 99, 2)),
    erlang:display(catch binary_part(B, -1, 2)),
    erlang:display(catch split_binary(B, 101)),
    ok.
