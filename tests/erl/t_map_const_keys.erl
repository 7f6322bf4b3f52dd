%% Map construction with constant keys (put_map_assoc on #{}: compiled
%% inline with a sorted literal keys tuple) and put_map_assoc on a flatmap
%% with a mix of new and existing keys (merged in key order).
-module(t_map_const_keys).
-export([main/0]).

id(X) -> X.

mk(A, B, C) -> #{zeta => A, alpha => B, 42 => C, {t, 1} => A, 1.0 => B, 1 => C, "str" => A, <<"b">> => B}.

opts(W, P) -> #{width => W, precision => P, pad => $\s, adjust => right, strings => true}.

main() ->
    M = mk(id(1), id(2), id(3)),
    io:format("~p~n~w~n", [M, maps:to_list(M)]),
    io:format("~p ~p ~p~n", [maps:get(1.0, M), maps:get(1, M), map_size(M)]),
    O = opts(id(10), id(none)),
    O2 = O#{args => [1, 2], control => $p},
    O3 = O2#{width := 20, adjust => left},
    O4 = O3#{width => 20},
    io:format("~p~n~p~n~p~n", [O2, O3, O4 =:= O3]),
    %% many keys, past the flatmap limit, from a flatmap
    Big = lists:foldl(fun(I, Acc) -> Acc#{I => I * I} end, #{}, lists:seq(1, 30)),
    Big2 = Big#{a => 1, b => 2, c => 3, 5 => five},
    io:format("~p~n~p~n", [map_size(Big2), lists:sort(maps:to_list(Big2))]),
    %% the same map built twice compares equal and hashes the same
    io:format("~p ~p~n", [mk(1, 2, 3) =:= M, erlang:phash2(mk(1, 2, 3)) =:= erlang:phash2(M)]),
    %% values that need the heap (built after a possible GC)
    L = [mk(lists:seq(1, I), {I}, <<I:32>>) || I <- lists:seq(1, 2000)],
    io:format("~p~n", [lists:sum([map_size(X) || X <- L])]),
    io:format("~p~n", [lists:last(L)]),
    halt().
