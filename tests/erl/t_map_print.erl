%% erlang:display of maps: flatmaps as #{K=>V}, big maps as erl prints
%% its trie nodes.
-module(t_map_print).
-export([main/0]).

main() ->
    erlang:display(#{a => #{}, b => [#{}], c => {#{1 => 2}}}),
    erlang:display(#{"key" => "value", [1, 2] => [3 | 4], 'Quoted atom' => 'x y'}),
    erlang:display(#{1.5 => 2.5, -3 => -4, 1 bsl 80 => -(1 bsl 80)}),
    erlang:display([#{}, #{}, #{x => [#{y => z}]}]),
    %% Trie leaves print as cons cells: values that are lists or strings
    %% show up inside them.
    erlang:display(maps:from_list([{I, [I, I + 1]} || I <- lists:seq(1, 40)])),
    erlang:display(maps:from_list([{I, "s" ++ integer_to_list(I)} || I <- lists:seq(1, 35)])),
    erlang:display(maps:from_list([{I, []} || I <- lists:seq(60, 100)])),
    erlang:display(maps:from_list([{[I], I} || I <- lists:seq(1, 33)])),
    erlang:display(maps:from_list([{I, #{I => I}} || I <- lists:seq(1, 33)])),
    erlang:display(maps:from_list([{{I, I}, {I}} || I <- lists:seq(1, 200)])),
    erlang:display(#{nested => maps:from_list([{I, I} || I <- lists:seq(1, 34)])}),
    ok.
