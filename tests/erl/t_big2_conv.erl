%% Bignum text conversion: integer_to_list/1,2 and integer_to_binary/1,2
%% in every base, at chunk boundaries (powers of the base around 10^19,
%% 2^64), negatives, and round trips through list_to_integer.
-module(t_big2_conv).
-export([main/0, id/1]).

id(X) -> X.

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).

fact(N) -> fact(N, 1).
fact(0, A) -> A;
fact(N, A) -> fact(N - 1, A * N).

vals() ->
    Tens = lists:append([[pow(10, K) - 1, pow(10, K), pow(10, K) + 1]
                         || K <- [17, 18, 19, 20, 37, 38, 39, 57, 58]]),
    Twos = lists:append([[(1 bsl K) - 1, 1 bsl K] || K <- [59, 60, 63, 64, 65, 127, 128, 129]]),
    Vs = Tens ++ Twos ++ [fact(30), fact(52), 16#123456789ABCDEF0FEDCBA9876543210],
    [id(V) || V <- Vs ++ [-V || V <- Vs]].

main() ->
    Vs = vals(),
    lists:foreach(fun(V) ->
                          erlang:display({integer_to_list(V), integer_to_binary(V)})
                  end, Vs),
    lists:foreach(fun(B) ->
                          erlang:display({B, [integer_to_list(V, B) || V <- Vs]}),
                          erlang:display([integer_to_binary(V, B) || V <- Vs])
                  end, lists:seq(2, 36)),
    %% powers of every base just beyond a limb
    erlang:display([integer_to_list(pow(B, 14), B) || B <- lists:seq(2, 36)]),
    erlang:display([integer_to_list(pow(B, 40) - 1, B) || B <- lists:seq(2, 36)]),
    %% round trips
    erlang:display(lists:all(fun(V) ->
                                     lists:all(fun(B) ->
                                                       list_to_integer(integer_to_list(V, B), B) =:= V
                                               end, lists:seq(2, 36))
                             end, Vs)),
    F = fact(id(2000)),
    S = integer_to_list(F),
    erlang:display({length(S), lists:sublist(S, 30), lists:nthtail(length(S) - 30, S)}),
    erlang:display(list_to_integer(S) =:= F),
    NS = integer_to_binary(-F, 16),
    erlang:display({byte_size(NS), binary:part(NS, 0, 20), binary_to_integer(NS, 16) =:= -F}),
    erlang:display(F),
    ok.
