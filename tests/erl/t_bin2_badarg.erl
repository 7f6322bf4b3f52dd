%% Error behaviour of binary BIFs and bit syntax caught with try: the class,
%% the reason, and for BIFs the name/arity in the stack trace top frame.
-module(t_bin2_badarg).
-export([main/0]).

id(X) -> X.

e(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            Top = case St of
                      [{M, Fn, A, _} | _] when is_list(A) -> {M, Fn, length(A)};
                      [{M, Fn, A, _} | _] -> {M, Fn, A};
                      _ -> none
                  end,
            {C, R, Top}
    end.

main() ->
    Calls = [
        fun() -> byte_size(id(foo)) end,
        fun() -> bit_size(id([])) end,
        fun() -> binary_to_list(id(<<1:3>>)) end,
        fun() -> binary_to_atom(id(<<255, 255>>), utf8) end,
        fun() -> binary_to_integer(id(<<"12x">>)) end,
        fun() -> binary_to_integer(id(<<"">>)) end,
        fun() -> binary_to_integer(id(<<"ff">>), 37) end,
        fun() -> binary_to_float(id(<<"1">>)) end,
        fun() -> binary_to_float(id(<<"1.0e">>)) end,
        fun() -> binary_to_existing_atom(id(<<"surely_not_an_existing_atom_qq">>), utf8) end,
        fun() -> list_to_binary(id([1 | foo])) end,
        fun() -> split_binary(id(<<1, 2>>), 3) end,
        fun() -> binary_part(id(<<1, 2>>), 1, 2) end,
        fun() -> binary:part(id(<<1, 2>>), {3, -1}) end,
        fun() -> binary:at(id(<<>>), 0) end,
        fun() -> binary:copy(id(<<1>>), -1) end,
        fun() -> binary:split(id(<<1>>), id(<<>>)) end,
        fun() -> binary:matches(id(<<1>>), id([])) end,
        fun() -> binary:replace(id(a), <<"a">>, <<"b">>) end,
        fun() -> binary:bin_to_list(id(<<1, 2>>), 1, 5) end,
        fun() -> term_to_binary(id(1), [bogus]) end,
        fun() -> binary_to_term(id(<<131, 200>>)) end,
        fun() -> binary_to_term(id(<<1, 2, 3>>)) end,
        fun() -> <<(id(a)):8>> end,
        fun() -> <<(id(1.5)):8>> end,
        fun() -> <<(id(<<1:3>>))/binary>> end,
        fun() -> <<(id(<<1, 2>>)):3/binary>> end,
        fun() -> <<(id(-1))/utf8>> end,
        fun() -> <<(id(foo))/float>> end,
        fun() -> <<(id(1)):(id(-8))>> end,
        fun() -> <<(id(abc))/binary>> end,
        fun() -> <<(id(<<"ok">>))/binary, (id(1.0e300)):16/float>> end,
        fun() -> <<_:8, X/binary>> = id(<<1:9>>), X end,
        fun() -> <<X:16>> = id(<<1>>), X end,
        fun() -> bitstring_to_list(id(1)) end,
        fun() -> iolist_to_binary(id([<<1>>, 1000])) end,
        fun() -> erlang:list_to_bitstring(id([<<1:1>> | 2])) end,
        fun() -> integer_to_binary(id(10), 1) end,
        fun() -> integer_to_binary(id(1.0)) end,
        fun() -> float_to_binary(id(1), [{decimals, 2}]) end,
        fun() -> atom_to_binary(id("str"), utf8) end,
        fun() -> binary:encode_unsigned(id(-5)) end,
        fun() -> binary:decode_unsigned(id(<<1>>), id(mid)) end,
        fun() -> binary:longest_common_prefix(id([<<"a">> | <<"b">>])) end
    ],
    lists:foreach(fun(F) -> io:format("~p~n", [e(F)]) end, Calls),
    %% after all these errors, normal binary work still functions
    io:format("~p~n", [<< <<X>> || X <- lists:seq(1, 5) >>]),
    ok.
