-module(t_phash_maps).
-export([main/0]).
%% phash2 of maps (flatmaps and tries, order independent), binaries of
%% every small size, and strings.
main() ->
    M1 = maps:from_list([{I, I * I} || I <- lists:seq(1, 40)]),
    M2 = maps:from_list([{list_to_atom("k" ++ integer_to_list(I)), I} || I <- lists:seq(1, 100)]),
    M3 = maps:from_list([{integer_to_list(I), #{I => I}} || I <- lists:seq(1, 50)]),
    M4 = lists:foldl(fun(I, A) -> maps:remove(I, A) end, M1, lists:seq(1, 10)),
    [erlang:display({erlang:phash2(M), erlang:phash2({M, M}), erlang:phash2([M])}) || M <- [M1, M2, M3, M4]],
    erlang:display(erlang:phash2(maps:from_list(lists:reverse(maps:to_list(M1)))) =:= erlang:phash2(M1)),
    erlang:display([erlang:phash2(list_to_binary(lists:seq(1, N))) || N <- lists:seq(0, 30)]),
    erlang:display([erlang:phash2(lists:seq(1, N)) || N <- lists:seq(0, 12)]),
    erlang:display([erlang:phash2(<<7:N>>) || N <- lists:seq(0, 20)]),
    erlang:display([erlang:phash2(lists:seq(250, 250 + N)) || N <- lists:seq(0, 12)]),
    erlang:display([erlang:phash2(#{N => N}) || N <- lists:seq(0, 10)]),
    ok.
