%% binary:longest_common_prefix/suffix over many inputs (compared with a
%% naive implementation), and error cases.
-module(t_bin2_prefix).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

naive_prefix([B | Bs]) -> lists:min([cp(B, X, 0) || X <- Bs]).
cp(<<A, R1/binary>>, <<A, R2/binary>>, N) -> cp(R1, R2, N + 1);
cp(_, _, N) -> N.

naive_suffix(Bs) -> naive_prefix([rev(B) || B <- Bs]).
rev(B) -> list_to_binary(lists:reverse(binary_to_list(B))).

main() ->
    Sets = [[<<"interspecies">>, <<"interstellar">>, <<"interstate">>],
            [<<"throne">>, <<"throne">>],
            [<<"throne">>, <<"dungeon">>],
            [<<"">>, <<"abc">>],
            [<<"prefix">>, <<"pre">>, <<"prefixes">>, <<"prelude">>],
            [<<1, 2, 3, 0>>, <<1, 2, 3, 255>>],
            [<<"same">>, <<"same">>, <<"same">>, <<"same">>, <<"same">>],
            [binary:copy(<<"ab">>, 100), <<(binary:copy(<<"ab">>, 99))/binary, "ax">>],
            [<<"running">>, <<"jumping">>, <<"sing">>],
            [<<"x">>, <<"xx">>, <<"xxx">>]],
    lists:foreach(
      fun(S0) ->
              S = id(S0),
              P = binary:longest_common_prefix(S),
              Sf = binary:longest_common_suffix(S),
              io:format("~p ~p ~p~n", [P, Sf, {P =:= naive_prefix(S), Sf =:= naive_suffix(S)}])
      end, Sets),
    %% sub-binaries as input
    Big = binary:copy(<<"0123456789">>, 20),
    Subs = [binary:part(Big, 0, 100), binary:part(Big, 10, 150), binary:part(Big, 20, 33)],
    io:format("~p ~p~n", [binary:longest_common_prefix(Subs), binary:longest_common_suffix(Subs)]),
    %% error cases
    io:format("~p~n", [[e(fun() -> binary:longest_common_prefix(X) end)
                        || X <- [[], [<<"a">>], [<<"a">>, b], [<<"a">>, <<1:1>>], <<"ab">>, [<<"a">> | <<"b">>]]]]),
    io:format("~p~n", [[e(fun() -> binary:longest_common_suffix(X) end)
                        || X <- [[], [<<"a">>], [<<"a">>, "b"], [<<"ab">>, <<"b">>, <<"ab">>]]]]),
    ok.
