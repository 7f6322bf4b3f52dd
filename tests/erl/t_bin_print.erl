-module(t_bin_print).
-export([main/0]).
id(X) -> X.
main() ->
    L = [<<>>, <<1,2,3>>, <<"abc">>, <<"ab\n">>, <<"a",0>>, <<1:3>>, <<"abc",1:3>>, <<255,1:1>>,
         <<"é"/utf8>>, <<"hello world">>, <<128,200>>, <<"\t\r\e\"\\">>, <<"a b~">>, <<127>>, <<" ">>,
         <<"a\"b">>, <<"a\\b">>, binary:copy(<<"xy">>, 60), binary:copy(<<1>>, 70),
         [<<"in list">>, <<>>], {<<>>, <<0:0>>, <<"t">>}, <<31>>, <<32>>, <<126>>],
    [erlang:display(id(X)) || X <- L],
    erlang:display([<<"nested", 1:2>>, {<<"x">>}]),
    ok.
