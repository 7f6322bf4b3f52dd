-module(t_bin_compr).
-export([main/0]).
id(X) -> X.
main() ->
    erlang:display(<< <<X>> || X <- lists:seq(1, 10) >>),
    erlang:display(<< <<X:4>> || X <- lists:seq(1, 5) >>),
    erlang:display(<< <<(X * 2)>> || <<X>> <= id(<<1, 2, 3>>) >>),
    erlang:display([{X, Y} || <<X:4, Y:4>> <= id(<<16#12, 16#34>>)]),
    erlang:display(<< <<X:16/little>> || X <- id([1, 256, 65535]), X > 1 >>),
    erlang:display(<< <<B/binary, B/binary>> || B <- id([<<"a">>, <<"bc">>]) >>),
    erlang:display(<< <<C>> || <<C>> <= id(<<"Hello World">>), C =/= $o >>),
    erlang:display([C - $0 || <<C>> <= id(<<"12345">>)]),
    Big = << <<(X rem 256)>> || X <- lists:seq(1, 5000) >>,
    erlang:display(byte_size(Big)),
    erlang:display(lists:sum([X || <<X>> <= Big])),
    erlang:display(<< <<X:1>> || X <- [1, 0, 1, 1] >>),
    erlang:display(<< <<X:3>> || <<X:3>> <= id(<<2#11001010, 2#10000000>>) >>),
    erlang:display(<< <<>> || _ <- [1, 2, 3] >>),
    ok.
