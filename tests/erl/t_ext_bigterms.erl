-module(t_ext_bigterms).
-export([main/0]).
%% Large terms: long strings and lists, large tuples, bignums, refc
%% binaries, deep nesting, big maps; sizes and checksums of the bytes.
%% (No atom keys in big maps: girder's trie places atoms by atom index.)
sum(B) -> lists:foldl(fun(X, A) -> (A * 31 + X) rem 1000000007 end, 0, binary_to_list(B)).
main() ->
    Ts = [lists:duplicate(65535, 1), lists:duplicate(65536, 1), lists:seq(1, 70000),
          list_to_tuple(lists:seq(1, 300)), 1 bsl 3000, -(1 bsl 2040) + 7, 1 bsl 2039,
          list_to_binary(lists:seq(0, 255)), lists:foldl(fun(_, A) -> {A} end, x, lists:seq(1, 5000)),
          maps:from_list([{integer_to_list(I), I} || I <- lists:seq(1, 1000)]),
          maps:from_list([{{"k", I}, #{I => [I]}} || I <- lists:seq(1, 200)]),
          [X || X <- lists:seq(1, 1000), X rem 3 =:= 0] ++ [a | b]],
    lists:foreach(
      fun(T) ->
              B = term_to_binary(T),
              erlang:display({byte_size(B), sum(B), lists:sublist(binary_to_list(B), 12)}),
              erlang:display(binary_to_term(B) =:= T),
              C = term_to_binary(T, [compressed]),
              erlang:display({byte_size(C), sum(C)}),
              erlang:display(binary_to_term(C) =:= T),
              erlang:display(erlang:external_size(T) =:= byte_size(B)),
              erlang:display({erlang:phash2(T), erlang:phash2(T, 16#100000000)})
      end, Ts),
    ok.
