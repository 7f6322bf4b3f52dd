%% erlang:term_to_iovec/1,2: a list of binaries that concatenates to
%% term_to_binary's result, with the same options and errors.
-module(t_bif2_term_iovec).
-export([main/0]).

e(F) -> try F() catch C:R -> {C, R} end.

check(T, Opts) ->
    V = case Opts of none -> erlang:term_to_iovec(T); _ -> erlang:term_to_iovec(T, Opts) end,
    B = case Opts of none -> term_to_binary(T); _ -> term_to_binary(T, Opts) end,
    is_list(V) andalso lists:all(fun is_binary/1, V) andalso iolist_to_binary(V) =:= B.

main() ->
    Bin = list_to_binary(lists:duplicate(1000, 100)),
    Terms = [blipp, 42, {Bin, atom, Bin, 1244, Bin}, Bin, [Bin, Bin], lists:duplicate(1000, 100),
             [[list_to_binary(lists:duplicate(65, 100))]], #{a => Bin}, 3.14, <<1:3>>, "str"],
    io:format("~p~n", [[check(T, none) || T <- Terms]]),
    io:format("~p~n", [[check(T, []) || T <- Terms]]),
    %% With compression BEAM returns the binary itself.
    io:format("~p~n", [[begin
                            V = erlang:term_to_iovec(T, O),
                            {is_binary(V), iolist_to_binary(V) =:= term_to_binary(T, O)}
                        end || T <- [a, Bin, lists:seq(1, 300)],
                               O <- [[compressed], [{compressed, 0}], [{compressed, 9}],
                                     [compressed, {compressed, 0}], [{compressed, 0}, compressed]]]]),
    io:format("~p~n", [[check(T, [{minor_version, 0}, deterministic]) || T <- Terms]]),
    io:format("~p~n", [erlang:term_to_iovec(abc)]),
    io:format("~p~n", [[e(fun() -> erlang:term_to_iovec(a, X) end)
                        || X <- [bad, [bad], [{compressed, 10}], [{minor_version, 3}], [compressed | x]]]]),
    ok.
