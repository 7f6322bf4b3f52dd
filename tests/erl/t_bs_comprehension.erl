%% Binary comprehensions: bit generators with various patterns, filters,
%% nested generators, mixed list/binary generators, building bitstrings.
-module(t_bs_comprehension).
-export([main/0]).

id(X) -> X.

main() ->
    B = id(<<"The Quick Brown Fox 123">>),
    %% upper-case
    io:format("~p~n", [<< <<(if C >= $a, C =< $z -> C - 32; true -> C end)>> || <<C>> <= B >>]),
    %% filter digits
    io:format("~p~n", [<< <<C>> || <<C>> <= B, C >= $0, C =< $9 >>]),
    %% 16-bit words, little to big
    W = id(<<1, 0, 2, 0, 3, 0, 255, 255>>),
    io:format("~p~n", [<< <<X:16/big>> || <<X:16/little>> <= W >>]),
    %% pairs -> list of tuples
    io:format("~p~n", [[{X, Y} || <<X:4, Y:4>> <= id(<<16#12, 16#AB, 16#F0>>)]]),
    %% generator with a pattern that skips non-matching elements
    io:format("~p~n", [[X || <<0:1, X:7>> <= id(<<1, 129, 5, 200, 127>>)]]),
    %% incomplete trailing element is ignored
    io:format("~p~n", [[X || <<X:3>> <= id(<<255, 1:2>>)]]),
    %% nested binary generators (cartesian)
    io:format("~p~n", [<< <<X, Y>> || <<X>> <= id(<<"ab">>), <<Y>> <= id(<<"12">>) >>]),
    %% mixed list and binary generators
    io:format("~p~n", [<< <<(X * Y):16>> || X <- id([1, 2, 3]), <<Y>> <= id(<<10, 20>>) >>]),
    %% building a bitstring of 1-bit elements
    Bits = << <<(X band 1):1>> || X <- lists:seq(1, 13) >>,
    io:format("~p ~p~n", [Bits, bit_size(Bits)]),
    %% bit generator over a bitstring
    io:format("~p~n", [[X || <<X:1>> <= Bits]]),
    %% variable-size elements: each element carries its own size
    io:format("~p~n", [<< <<X:S>> || {X, S} <- id([{1, 1}, {2, 2}, {3, 3}, {300, 9}, {0, 0}]) >>]),
    %% binary segments in the result
    io:format("~p~n", [<< <<Bin/binary, ",">> || Bin <- id([<<"a">>, <<"bc">>, <<>>, <<"def">>]) >>]),
    %% utf8 generator
    io:format("~p~n", [[C || <<C/utf8>> <= id(<<"héllo€"/utf8>>)]]),
    %% utf16 output from a list
    io:format("~p~n", [<< <<C/utf16-little>> || C <- id("aé€") >>]),
    %% floats
    io:format("~p~n", [[F || <<F:32/float>> <= << <<X:32/float>> || X <- id([1.5, -2.0, 0.25]) >>]]),
    %% large comprehension; result is a refc binary
    Big = << <<(X rem 251)>> || X <- lists:seq(1, 5000) >>,
    io:format("~p ~p~n", [byte_size(Big), erlang:phash2(Big)]),
    Sum = lists:sum([X || <<X>> <= Big]),
    io:format("~p~n", [Sum]),
    %% comprehension over a sub-binary
    <<_:100/binary, Sub:50/binary, _/binary>> = Big,
    io:format("~p~n", [<< <<(X + 1)>> || <<X>> <= Sub >> =:= binary:part(<< <<(X + 1)>> || <<X>> <= Big >>, 100, 50)]),
    %% filters referencing outer values
    Limit = id(3),
    io:format("~p~n", [<< <<X>> || <<X>> <= id(<<1, 5, 2, 6, 3, 7>>), X > Limit >>]),
    %% empty
    io:format("~p~n", [{<< <<X>> || <<X>> <= id(<<>>) >>, [X || <<X:8>> <= id(<<1:7>>)]}]),
    %% a comprehension whose element is a nested comprehension
    io:format("~p~n", [<< << <<Y>> || <<Y>> <= id(<<X, X>>) >> || <<X>> <= id(<<"xyz">>) >>]),
    ok.
