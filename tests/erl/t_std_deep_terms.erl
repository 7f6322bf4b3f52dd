%% Deeply nested terms through OTP code: io_lib formatting of 3000-deep
%% lists and tuples, term_to_binary/binary_to_term, comparison, phash2
%% and flatten on 100k-deep nesting, sort/2 with a raising fun.
-module(t_std_deep_terms).
-export([main/0, id/1]).
id(X) -> X.
nest(0) -> [];
nest(N) -> [nest(N - 1)].
tnest(0) -> x;
tnest(N) -> {tnest(N - 1)}.
main() ->
    io:format("~p~n", [catch lists:sort(fun(A, B) -> A / B > 0 end, [1, 0, 2])]),
    io:format("~p~n", [[<<1:1>>, <<>>, <<255:7>>]]),
    io:format("~p~n", [string:to_float("1e5")]),
    S = lists:flatten(io_lib:format("~p", [nest(3000)])),
    io:format("~p~n", [{length(S), erlang:phash2(S)}]),
    S2 = lists:flatten(io_lib:format("~w", [tnest(5000)])),
    io:format("~p~n", [{length(S2)}]),
    S3 = lists:flatten(io_lib:format("~p", [tnest(2000)])),
    io:format("~p~n", [{length(S3), erlang:phash2(S3)}]),
    R = try error(id(x)) catch Class:Reason:_ when Class == error -> {Class, Reason} end,
    io:format("~p~n", [R]),
    io:format("~p~n", [term_to_binary(nest(10000)) =:= term_to_binary(nest(10000))]),
    io:format("~p~n", [binary_to_term(term_to_binary(tnest(100000))) =:= tnest(100000)]),
    io:format("~p~n", [length(lists:flatten(nest(100000)))]),
    io:format("~p~n", [tnest(100000) == tnest(100000)]),
    io:format("~p~n", [erlang:phash2(tnest(100000))]),
    io:format("~p~n", [lists:sort([tnest(1000), tnest(999)]) =:= [tnest(999), tnest(1000)]]),
    ok.
