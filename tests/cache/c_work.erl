%% Code the cache test runs cold and warm: every kind of relocated
%% constant (bignum operands, literals, constant-key maps, bit syntax
%% strings and descriptors, funs, exports of other modules, BIF calls,
%% locations in stack traces). VERSION changes between two builds of this
%% module in tests/cache/cache.sh (a module that changed on disk).
-module(c_work).
-export([main/0]).
-define(VERSION, 1).

main() ->
    io:format("version ~p~n", [?VERSION]),
    io:format("big ~p~n", [big(3)]),
    io:format("lit ~p~n", [lit()]),
    io:format("map ~p~n", [maps:to_list(mk(1, 2))]),
    io:format("bin ~p ~p~n", [bin(<<"abc:rest">>), mkbin(258, <<"xy">>)]),
    F = fun(X) -> X * ?VERSION + 1 end,
    io:format("fun ~p~n", [lists:map(F, [1, 2, 3])]),
    io:format("sel ~p~n", [[sel(X) || X <- [a, 123456789012345678901234567890, 2.5, z]]]),
    try crash(0) catch error:R:St ->
        [{M, Fn, A, Loc} | _] = St,
        io:format("trace ~p ~p ~p ~p ~p~n", [R, M, Fn, A, proplists:get_value(line, Loc)])
    end,
    io:format("fc ~p~n", [catch fc(x)]).

big(N) -> N * 100000000000000000000000 + 18446744073709551616.
lit() -> {"a literal", [1, 2, {x, <<"bin">>}], #{k => v}}.
mk(A, B) -> #{alpha => A, beta => B, <<"k">> => {A, B}}.
bin(<<"abc:", Rest/binary>>) -> {ok, Rest};
bin(_) -> no.
mkbin(N, B) -> <<N:16, B/binary, "!">>.
sel(a) -> atom;
sel(123456789012345678901234567890) -> big;
sel(2.5) -> float;
sel(_) -> other.
crash(N) ->
    X = 10 div N,
    X + 1.
fc(1) -> one.
