%% zlib:compress/1 and zlib:uncompress/1 (the compiler packs a module's
%% literals with zlib:compress/1): byte-exact output and the errors of
%% zlib.erl.
-module(t_comp_zlib).
-export([main/0]).

d(T) -> erlang:display(T).

tag(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    Big = list_to_binary([integer_to_list(I) || I <- lists:seq(1, 20000)]),
    Rnd = << <<((I * 7919) rem 251)>> || I <- lists:seq(1, 5000) >>,
    Inputs = [<<>>, <<"a">>, "hello", [<<"abc">>, $d | <<"e">>], [[], [[]]],
              lists:duplicate(1000, $x), Big, Rnd,
              term_to_binary({lists:seq(1, 100), "text", 1.5, #{a => b}})],
    [begin
         Z = zlib:compress(I),
         d({byte_size(Z), erlang:phash2(Z), binary:part(Z, 0, min(12, byte_size(Z)))}),
         d(zlib:uncompress(Z) =:= iolist_to_binary(I)),
         d(zlib:uncompress([Z]) =:= iolist_to_binary(I))
     end || I <- Inputs],
    Z = zlib:compress("hello"),
    d(zlib:compress(<<"hello">>)),
    d(zlib:uncompress(<<Z/binary, 1, 2, 3>>)),
    d(tag(fun() -> zlib:uncompress(binary:part(Z, 0, byte_size(Z) - 2)) end)),
    d(tag(fun() -> zlib:uncompress(<<1, 2, 3>>) end)),
    d(tag(fun() -> zlib:uncompress(<<>>) end)),
    d(tag(fun() -> zlib:uncompress(<<1, 2, 3, 4, 5, 6, 7, 8, 9>>) end)),
    d(tag(fun() -> zlib:uncompress(foo) end)),
    d(tag(fun() -> zlib:uncompress([Z | foo]) end)),
    d(tag(fun() -> element(1, zlib:compress(foo)) end) =/= {ok, x}),
    ok.
