-module(t_bin_compare).
-export([main/0]).
id(X) -> X.
main() ->
    Bs = [<<>>, <<0>>, <<1>>, <<1:1>>, <<0:1>>, <<1,2>>, <<1,2,0>>, <<1:7>>, <<2:7>>, <<"abc">>, <<"abd">>, <<"ab">>,
          binary:copy(<<"z">>, 100), binary:copy(<<"z">>, 99), <<255>>, <<255:8, 1:1>>],
    erlang:display(lists:sort(Bs)),
    erlang:display([{X < Y, X == Y, X =:= Y} || X <- [<<1>>, <<1:1>>], Y <- [<<1>>, <<1,0>>, <<1:1>>]]),
    erlang:display(lists:sort([<<"b">>, [], a, 1, {x}, "str", <<"a">>, 2.0])),
    Big = id(list_to_binary(lists:seq(1, 200))),
    <<_, Sub:100/binary, _/binary>> = Big,
    erlang:display(Sub =:= list_to_binary(lists:seq(2, 101))),
    erlang:display(Sub < Big),
    <<_:1, Odd:16/bits, _/bits>> = id(<<1:1, 16#ABCD:16, 0:7>>),
    erlang:display(Odd =:= <<16#ABCD:16>>),
    erlang:display(Odd == <<16#AB, 16#CD>>),
    erlang:display(lists:usort([<<1>>, <<1>>, Sub, Sub, <<1:1>>])),
    erlang:display(max(<<"a">>, <<"a", 0>>)),
    ok.
