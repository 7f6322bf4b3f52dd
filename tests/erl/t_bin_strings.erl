-module(t_bin_strings).
-export([main/0]).
id(X) -> X.
cmd(<<"GET ", Path/binary>>) -> {get, Path};
cmd(<<"POST ", Path/binary>>) -> {post, Path};
cmd(<<"PUT", _/binary>>) -> put;
cmd(<<C, _/binary>>) when C >= $a, C =< $z -> {lower, C};
cmd(_) -> unknown.
split_lines(Bin) -> split_lines(Bin, <<>>, []).
split_lines(<<"\r\n", R/binary>>, Cur, Acc) -> split_lines(R, <<>>, [Cur | Acc]);
split_lines(<<C, R/binary>>, Cur, Acc) -> split_lines(R, <<Cur/binary, C>>, Acc);
split_lines(<<>>, Cur, Acc) -> lists:reverse([Cur | Acc]).
kv(<<"key=", V/binary>>) -> V;
kv(<<"k=", V/binary>>) -> {short, V};
kv(_) -> none.
words(B) -> [W || W <- binary:split(B, <<" ">>, [global, trim_all])].
main() ->
    [erlang:display(cmd(id(X))) || X <- [<<"GET /index">>, <<"POST /x">>, <<"PUT">>, <<"PUTX">>, <<"get">>, <<"GE">>, <<>>, <<"G">>]],
    erlang:display(split_lines(id(<<"line one\r\nline two\r\n\r\nlast">>))),
    [erlang:display(kv(id(X))) || X <- [<<"key=value">>, <<"k=v">>, <<"key">>, <<"ke">>]],
    erlang:display(words(id(<<"  the quick  brown fox ">>))),
    case id(<<"abcdef">>) of
        <<"abc", "de", Z/binary>> -> erlang:display({abcde, Z});
        _ -> erlang:display(no)
    end,
    case id(<<"ab", 1:3>>) of
        <<"ab", 1:3>> -> erlang:display(bits_string);
        _ -> erlang:display(no)
    end,
    <<_:2, Str:3/binary, _/bits>> = id(<<0:2, "xyz", 0:6>>),
    erlang:display(Str),
    erlang:display(<<"abc">> =:= list_to_binary("abc")),
    ok.
