%% Comparisons between small integers, bignums and negative bignums;
%% equality vs exact equality; sorting mixed magnitudes.
-module(t_bignum_cmp).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    Big = id(1 bsl 100), NBig = -Big, Small = id(42), NSmall = id(-42),
    erlang:display({Small < Big, Big < Small, NBig < NSmall, NSmall < NBig}),
    erlang:display({Big > Small, Big >= Big, Big =< Big + 1, NBig >= Big}),
    erlang:display({Big == Big + 0, Big =:= (Big * 2) div 2, Big /= Big + 1, Big =/= Big}),
    erlang:display({Big == Small, Big =:= Small, Big =/= Small}),
    L = [Big, Small, NBig, NSmall, 0, Big + 1, NBig - 1, 1 bsl 64, -(1 bsl 64), 1 bsl 59],
    erlang:display(lists:sort(L)),
    erlang:display(lists:reverse(lists:sort(L))),
    erlang:display({lists:max(L), lists:min(L)}),
    erlang:display([cmp(A, B) || A <- [Small, Big, NBig], B <- [Small, Big, NBig]]),
    erlang:display({max(Big, Small), min(Big, NBig)}),
    erlang:display(Big < atom),
    erlang:display(NBig < [] ),
    ok.

cmp(A, B) when A < B -> lt;
cmp(A, B) when A > B -> gt;
cmp(A, A) -> eq.
