-module(t_phash_basic).
-export([main/0]).
%% erlang:phash2/1,2 and erlang:phash/2 for every term type.
-compile(nowarn_deprecated_function).
terms() ->
    [a, abc, '', 'héllo', 'ÿ', list_to_atom([1000, 2000]), true, [], {}, {[]}, {a}, [a], [[]], "abc",
     "abcd", "abcde", [1, 2 | 3], [256, 1], [a | b], "a" ++ [300] ++ "bc",
     0, 1, -1, 255, 256, 1 bsl 27 - 1, 1 bsl 27, -(1 bsl 27), -(1 bsl 27) - 1, 1 bsl 31, 1 bsl 32,
     1 bsl 40, -(1 bsl 40), 1 bsl 59 - 1, 1 bsl 59, -(1 bsl 59), -(1 bsl 59) - 1, 1 bsl 64, 1 bsl 100, -(1 bsl 100),
     1.5, -1.5, 0.0, -0.0, 1.0e300, 2.0e-310,
     <<>>, <<1>>, <<1, 2, 3>>, <<"abcdefghijkl">>, <<"abcdefghijklm">>, <<1:1>>, <<5:3>>, <<1, 2, 3:7>>,
     list_to_binary(lists:seq(1, 100)),
     #{}, #{a => 1}, #{a => 1, b => 2}, #{[] => []}, #{{x} => <<"v">>, 1 => 2.0},
     fun lists:map/2, fun erlang:'+'/2,
     {a, b, {c, [d, e]}, <<"f">>, 1.0, 17}].
main() ->
    lists:foreach(
      fun(T) ->
              erlang:display({erlang:phash2(T), erlang:phash2(T, 7), erlang:phash2(T, 1 bsl 32), erlang:phash2(T, 1024),
                              erlang:phash(T, 1 bsl 32), erlang:phash(T, 1000)})
      end, terms()),
    <<_:5, Sub:37/bitstring, _/bitstring>> = list_to_binary(lists:seq(1, 20)),
    <<_:8, Sub2:12/binary, _/binary>> = list_to_binary(lists:seq(1, 20)),
    erlang:display([erlang:phash2(X) || X <- [Sub, Sub2, binary:copy(Sub2)]]),
    erlang:display([erlang:phash(X, 1 bsl 32) || X <- [Sub, Sub2]]),
    Bad = [catch erlang:phash2(a, R) || R <- [0, -1, 1 bsl 32 + 1, a, 1.0]],
    erlang:display(length([x || {'EXIT', {badarg, _}} <- Bad])),
    Bad2 = [catch erlang:phash(a, R) || R <- [0, -1, 1 bsl 32 + 1, a]],
    erlang:display(length([x || {'EXIT', {badarg, _}} <- Bad2])),
    ok.
