-module(t_t2byield_opts).
-export([main/0]).

%% term_to_binary/2 and term_to_iovec/2 across many terms and every
%% option combination: erl's bytes, small and big terms (those cross
%% many time slices); bad options and unencodable input fail as in erl.
main() ->
    Opts = [[], [compressed], [{compressed, 0}], [{compressed, 1}], [{compressed, 5}],
            [{compressed, 9}], [{minor_version, 0}], [{minor_version, 1}],
            [{minor_version, 2}], [deterministic], [deterministic, {minor_version, 0}],
            [{minor_version, 2}, {compressed, 3}, deterministic], [compressed, {compressed, 0}]],
    [[check(T, O) || O <- Opts] || T <- small_terms()],
    [[check_big(T, O) || O <- Opts] || T <- big_terms()],
    [erlang:display({bad, O, catch term_to_binary(x, O), catch term_to_iovec(x, O)})
     || O <- [[{compressed, 10}], [{compressed, -1}], [{minor_version, 3}], [bogus], bad,
              [compressed | bad], [{minor_version, a}]]],
    Big = lists:seq(1, 100000),
    erlang:display({bad_big, catch term_to_binary(Big, [{minor_version, 9}])}),
    ok.

check(T, O) ->
    B = term_to_binary(T, O),
    V = term_to_iovec(T, O),
    erlang:display({O, B, iolist_to_binary(V) =:= B, is_list(V)}).

check_big(T, O) ->
    B = term_to_binary(T, O),
    V = term_to_iovec(T, O),
    erlang:display({O, byte_size(B), erlang:phash2(B), iolist_to_binary(V) =:= B, is_list(V)}).

small_terms() ->
    [0, 255, 256, -1, 1 bsl 31, -(1 bsl 31), 1 bsl 64, -(1 bsl 200), 3.14, -0.0, 1.0e300,
     a, 'été', 'Ω', '', [], "abc", [1, 2 | 3], [a, [b, [c]]], {}, {a, {b}}, <<>>, <<1, 2, 3>>,
     <<1:3>>, <<255, 7:5>>, #{}, #{a => 1, "b" => [2]}, #{1.0 => x, 1 => y},
     maps:from_list([{I, I} || I <- lists:seq(1, 40)]), fun lists:map/2,
     lists:duplicate(300, x), lists:seq(0, 255), lists:seq(1, 300), list_to_tuple(lists:seq(1, 256)),
     {[], <<>>, "", {}}].

big_terms() ->
    Bin = binary:copy(<<"abc">>, 100000),
    <<_:5, Odd:250000/binary, _/bitstring>> = Bin,
    [lists:seq(1, 200000),
     [{I, integer_to_binary(I), I * 1.0} || I <- lists:seq(1, 50000)],
     %% (integer keys: the order of big maps with other keys differs
     %% from erl in girder, a known map-layout gap unrelated to encoding)
     maps:from_list([{I, [I]} || I <- lists:seq(1, 30000)]),
     {Bin, Odd, <<Bin/binary, 1:1>>},
     lists:duplicate(70000, $z),
     [lists:seq(1, 100) || _ <- lists:seq(1, 2000)]].
