%% Map construction: literals, variables, nesting, sizes, type tests.
-module(t_map_create).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display(#{}),
    erlang:display(#{a => 1}),
    erlang:display(#{b => 2, a => 1, c => 3}),
    A = id(1), B = id(two), C = id("three"),
    erlang:display(#{A => B, B => C, C => A}),
    erlang:display(#{x => #{y => #{z => []}}}),
    erlang:display(#{{1, 2} => [a, b], [1, 2] => {a, b}, <<>> => nil}),
    erlang:display(#{1 => a, 1.0 => b, -1 => c, 100000000000000000000 => d}),
    erlang:display(#{A => 1, id(1) => 2}),
    K = id(k),
    erlang:display(#{K => 1, k => 2}),
    erlang:display(#{k => 1, K => 2}),
    erlang:display([map_size(M) || M <- [#{}, #{a => 1}, #{a => 1, b => 2}]]),
    erlang:display([is_map(X) || X <- [#{}, #{a => 1}, [], {}, 1, a, "m"]]),
    M32 = maps:from_list([{I, I * I} || I <- lists:seq(1, 32)]),
    erlang:display(M32),
    erlang:display(map_size(M32)),
    Fs = [fun id/1, fun(X) -> X end],
    erlang:display(map_size(#{f => Fs, g => self()})),
    erlang:display(#{"a" => "b", [] => [], "bc" => [1|2]}),
    erlang:display(#{a => 1.5, b => -0.0, c => 2.0e10}),
    T = list_to_tuple([#{I => I} || I <- lists:seq(1, 5)]),
    erlang:display(T),
    erlang:display(mk(10)),
    ok.

mk(0) -> #{};
mk(N) -> (mk(N - 1))#{N => {N}}.
