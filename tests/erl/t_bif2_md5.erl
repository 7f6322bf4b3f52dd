%% erlang:md5/1 and md5_init/update/final: digests of binaries and iodata,
%% incremental hashing, context size, badarg cases.
-module(t_bif2_md5).
-export([main/0]).

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    io:format("~p~n", [erlang:md5(<<>>)]),
    io:format("~p~n", [erlang:md5("abc")]),
    io:format("~p~n", [erlang:md5([<<"a">>, [$b | <<"c">>]])]),
    Big = list_to_binary([X rem 256 || X <- lists:seq(1, 100000)]),
    io:format("~p~n", [erlang:md5(Big)]),
    C0 = erlang:md5_init(),
    io:format("~p~n", [byte_size(C0)]),
    C1 = erlang:md5_update(C0, "The quick brown fox "),
    C2 = erlang:md5_update(C1, [<<"jumps over">>, " the lazy dog"]),
    io:format("~p ~p~n", [erlang:md5_final(C2),
                          erlang:md5_final(C2) =:= erlang:md5("The quick brown fox jumps over the lazy dog")]),
    %% Many pieces of every size around the 64-byte block.
    Pieces = [binary:copy(<<N>>, N) || N <- lists:seq(0, 130)],
    Ctx = lists:foldl(fun(P, C) -> erlang:md5_update(C, P) end, erlang:md5_init(), Pieces),
    io:format("~p~n", [erlang:md5_final(Ctx) =:= erlang:md5(Pieces)]),
    %% The context is a plain binary: a sub-binary of the right size works.
    <<_, Sub:88/binary>> = <<0, C1/binary>>,
    io:format("~p~n", [erlang:md5_final(Sub) =:= erlang:md5_final(C1)]),
    io:format("~p~n", [[e(fun() -> erlang:md5(X) end)
                        || X <- [atom, 1, [256], [-1], [a], <<1:7>>, [<<1:1>>], [1 | 2], [fun() -> ok end]]]]),
    io:format("~p~n", [[e(fun() -> erlang:md5_update(X, "a") end) || X <- [<<>>, <<0:87/unit:8>>, atom, <<0:89/unit:8>>]]]),
    io:format("~p~n", [e(fun() -> erlang:md5_update(C0, [300]) end)]),
    io:format("~p~n", [[e(fun() -> erlang:md5_final(X) end) || X <- [<<1>>, 5, <<0:704, 1:1>>]]]),
    ok.
