-module(t_ext_options).
-export([main/0]).
%% minor_version, deterministic, used, safe and option errors.
try_it(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.
main() ->
    Ts = [abc, 'héllo', list_to_atom([1000]), 1.5, -3.25e-10, 1.0e300, 0.1, 123456789.0, {x, 2.0}],
    [erlang:display([binary_to_list(term_to_binary(T, [{minor_version, V}])) || V <- [0, 1, 2]]) || T <- Ts],
    [erlang:display(binary_to_term(term_to_binary(T, [{minor_version, 0}])) =:= T) || T <- Ts],
    Big = maps:from_list([{I, I} || I <- lists:seq(1, 40)] ++ [{[$k | integer_to_list(I)], I} || I <- lists:seq(1, 10)]),
    erlang:display(binary_to_list(term_to_binary(Big))),
    erlang:display(binary_to_list(term_to_binary(Big, [deterministic]))),
    erlang:display(binary_to_list(term_to_binary({Big, [Big]}, [deterministic, {minor_version, 2}]))),
    erlang:display(binary_to_term(term_to_binary(Big, [deterministic])) =:= Big),
    B = term_to_binary({a, "b"}),
    erlang:display(binary_to_term(<<B/binary, 9, 9>>, [used])),
    erlang:display(binary_to_term(B, [safe, used])),
    erlang:display(try_it(fun() -> binary_to_term(<<131, 100, 0, 5, "zqxjk">>, [safe]) end)),
    erlang:display(try_it(fun() -> binary_to_term(<<131, 119, 5, "zqxjk">>, [safe]) end)),
    erlang:display(try_it(fun() -> binary_to_term(<<131, 104, 1, 100, 0, 2, "ok">>, [safe]) end)),
    [erlang:display(try_it(fun() -> term_to_binary(a, O) end)) ||
        O <- [[compressed], [{compressed, 0}], [{compressed, 9}], [{compressed, 10}], [{compressed, -1}],
              [{minor_version, 3}], [{minor_version, a}], [bad], bad, [compressed | bad], [deterministic]]],
    [erlang:display(try_it(fun() -> binary_to_term(B, O) end)) || O <- [[], [safe], [used], [bad], bad, [safe | used]]],
    [erlang:display(try_it(fun() -> erlang:external_size(a, O) end)) ||
        O <- [[], [{minor_version, 0}], [{minor_version, 1}], [{minor_version, 2}], [compressed], bad]],
    erlang:display([erlang:external_size(T) || T <- Ts]),
    ok.
