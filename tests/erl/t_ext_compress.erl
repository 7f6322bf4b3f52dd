-module(t_ext_compress).
-export([main/0]).
%% term_to_binary(T, [compressed | {compressed, L}]) bytes as BEAM's zlib.
main() ->
    Ts = [a, lists:seq(1, 10), lists:duplicate(15, 7), lists:duplicate(16, 7), lists:duplicate(100, 0),
          {lists:seq(1, 300), <<"hello hello hello hello">>, [a, b, c, a, b, c], "abcabcabcabc"},
          list_to_binary(lists:duplicate(1000, $z)),
          [{I, integer_to_list(I * 7919)} || I <- lists:seq(1, 200)],
          maps:from_list([{I, I * I} || I <- lists:seq(1, 100)])],
    lists:foreach(
      fun(T) ->
              C = term_to_binary(T, [compressed]),
              erlang:display({byte_size(term_to_binary(T)), byte_size(C)}),
              erlang:display(binary_to_list(C)),
              erlang:display(binary_to_term(C) =:= T),
              erlang:display([byte_size(term_to_binary(T, [{compressed, L}])) || L <- lists:seq(0, 9)]),
              erlang:display(lists:sum(binary_to_list(term_to_binary(T, [{compressed, 1}])))),
              erlang:display(lists:sum(binary_to_list(term_to_binary(T, [{compressed, 9}]))))
      end, Ts),
    %% used counts the compressed bytes only
    C = term_to_binary(lists:duplicate(100, 0), [compressed]),
    erlang:display(binary_to_term(<<C/binary, 1, 2, 3>>, [used])),
    ok.
