%% Larger workloads through OTP library code: sorting 200k terms,
%% gb_trees/maps/dict with 50k keys, string:lexemes and binary:split on a
%% large text, io_lib:format of a big term, and queue churn. Checks the
%% results with sums and hashes so the output stays small.
-module(t_std_bulk).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

pseudo(N) -> pseudo(N, 42, []).
pseudo(0, _, Acc) -> Acc;
pseudo(N, S, Acc) -> S2 = (S * 6364136223846793005 + 1442695040888963407) band 16#FFFFFFFFFFFFFFFF,
                     pseudo(N - 1, S2, [S2 bsr 40 | Acc]).

main() ->
    L = pseudo(200000),
    S = lists:sort(L),
    p({length(S), hd(S), lists:last(S), erlang:phash2(S)}),
    U = lists:usort(L),
    p({length(U), erlang:phash2(U)}),
    KS = lists:keysort(2, [{I, X rem 1000} || {I, X} <- lists:enumerate(lists:sublist(L, 50000))]),
    p(erlang:phash2(KS)),
    T = lists:foldl(fun(X, Acc) -> gb_trees:enter(X rem 50000, X, Acc) end, gb_trees:empty(), lists:sublist(L, 100000)),
    p({gb_trees:size(T), erlang:phash2(gb_trees:to_list(T))}),
    M = lists:foldl(fun(X, Acc) -> Acc#{X rem 50000 => X} end, #{}, lists:sublist(L, 100000)),
    p({map_size(M), erlang:phash2(lists:sort(maps:to_list(M)))}),
    D = lists:foldl(fun(X, Acc) -> dict:update_counter(X rem 997, 1, Acc) end, dict:new(), L),
    p({dict:size(D), lists:sum([V || {_, V} <- dict:to_list(D)])}),
    Text = lists:flatten([[integer_to_list(X rem 100000), $\s] || X <- lists:sublist(L, 30000)]),
    Words = string:lexemes(Text, " "),
    p({length(Text), length(Words), erlang:phash2(Words)}),
    Bin = list_to_binary(Text),
    Parts = binary:split(Bin, <<" ">>, [global, trim_all]),
    p({length(Parts), erlang:phash2(Parts)}),
    Big = lists:flatten(io_lib:format("~p", [lists:sublist(L, 20000)])),
    p({length(Big), erlang:phash2(Big)}),
    Q = lists:foldl(fun(X, Q0) when X rem 3 =:= 0 -> {_, Q1} = queue:out(Q0), Q1;
                       (X, Q0) -> queue:in(X, Q0) end, queue:new(), lists:sublist(L, 100000)),
    p({queue:len(Q), erlang:phash2(queue:to_list(Q))}),
    Str = string:replace(lists:sublist(Text, 50000), "1", "one", all),
    p(erlang:phash2(lists:flatten(Str))),
    ok.
