-module(t_ext_basic).
-export([main/0]).
%% term_to_binary bytes for every term type, and the round trip.
terms() ->
    [abc, 'héllo', '', 'with space', list_to_atom([1000, 97]), list_to_atom(lists:duplicate(255, $x)),
     true, false, 0, 1, 255, 256, -1, -256, 2147483647, 2147483648, -2147483648, -2147483649,
     1 bsl 40, -(1 bsl 40), (1 bsl 59) - 1, 1 bsl 59, -(1 bsl 59), 1 bsl 63, 1 bsl 64, 1 bsl 70,
     -(1 bsl 200), 1.5, -0.0, 0.0, 0.1, 1.0e300, -2.5e-300, 5.0e-324,
     [], "abc", [1, 2 | 3], [a, b], [[]], [1000, 1], "", [$a | $b],
     {}, {a, {b}}, {1, 2, 3, 4}, <<>>, <<1, 2, 3>>, <<1:3>>, <<1, 2, 3, 4, 5:5>>,
     #{}, #{a => 1, b => [2]}, #{1 => x, 1.0 => y, "k" => {}},
     fun lists:map/2, fun erlang:'+'/2].
main() ->
    lists:foreach(
      fun(T) ->
              B = term_to_binary(T),
              erlang:display(binary_to_list(B)),
              erlang:display(binary_to_term(B) =:= T)
      end, terms()),
    %% sub-binaries and refc binaries
    Big = list_to_binary(lists:seq(0, 199)),
    <<_:3, Sub:700/bitstring, _/bitstring>> = Big,
    <<_:8, Sub2:80/binary, _/binary>> = Big,
    [erlang:display(binary_to_list(term_to_binary(X))) || X <- [Big, Sub, Sub2]],
    erlang:display(binary_to_term(term_to_binary({Sub, Sub2, Big})) =:= {Sub, Sub2, Big}),
    ok.
