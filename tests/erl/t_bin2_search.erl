%% binary:match/matches against a naive reference implementation on
%% generated data: many patterns, overlaps, scopes, large subjects.
-module(t_bin2_search).
-export([main/0]).

id(X) -> X.

%% naive leftmost-longest, non-overlapping matching
naive(Subj, Pats) -> naive(Subj, Pats, 0, []).
naive(Subj, _Pats, Pos, Acc) when Pos >= byte_size(Subj) -> lists:reverse(Acc);
naive(Subj, Pats, Pos, Acc) ->
    Cands = [byte_size(P) || P <- Pats, byte_size(P) =< byte_size(Subj) - Pos,
                             binary:part(Subj, Pos, byte_size(P)) =:= P],
    case Cands of
        [] -> naive(Subj, Pats, Pos + 1, Acc);
        _ -> L = lists:max(Cands), naive(Subj, Pats, Pos + L, [{Pos, L} | Acc])
    end.

%% deterministic pseudo random bytes over a small alphabet
gen(0, _, Acc) -> list_to_binary(Acc);
gen(N, S, Acc) ->
    S2 = (S * 1103515245 + 12345) rem 2147483648,
    gen(N - 1, S2, [$a + (S2 bsr 16) rem 3 | Acc]).

main() ->
    Subj = gen(id(3000), 42, []),
    PatSets = [[<<"a">>], [<<"ab">>], [<<"abc">>, <<"ab">>], [<<"cc">>, <<"ccc">>, <<"c">>],
               [<<"bab">>, <<"aba">>], [<<"abcabc">>], [<<"aaaa">>, <<"bbbb">>, <<"cccc">>],
               [<<"zz">>], [<<"ba">>, <<"b">>, <<"bac">>, <<"bacb">>]],
    lists:foreach(
      fun(Pats) ->
              M = binary:matches(Subj, Pats),
              N = naive(Subj, Pats),
              First = binary:match(Subj, Pats),
              io:format("~p ~p ~p ~p~n", [Pats, length(M), M =:= N,
                                          {First, case N of [] -> nomatch; [F | _] -> F end}])
      end, PatSets),
    %% compiled patterns give the same answers
    CP = binary:compile_pattern([<<"abc">>, <<"ab">>]),
    io:format("~p~n", [binary:matches(Subj, CP) =:= binary:matches(Subj, [<<"abc">>, <<"ab">>])]),
    %% scopes: a match must lie entirely inside the scope
    Small = id(<<"xxabcxxabcxxabc">>),
    io:format("~p~n", [[{S, binary:matches(Small, <<"abc">>, [{scope, S}])}
                        || S <- [{0, 15}, {2, 3}, {2, 2}, {3, 12}, {15, -15}, {7, 8}, {15, 0}, {0, 0}]]]),
    io:format("~p~n", [[{S, binary:match(Small, [<<"x">>, <<"xx">>], [{scope, S}])}
                        || S <- [{0, 15}, {1, 3}, {5, 1}, {14, -3}]]]),
    %% patterns longer than the subject
    io:format("~p~n", [{binary:match(<<"ab">>, <<"abc">>), binary:matches(<<>>, <<"a">>)}]),
    %% matching binary subject created by a sub-binary
    <<_:5/binary, Sub:20/binary, _/binary>> = Subj,
    io:format("~p~n", [binary:matches(Sub, <<"a">>) =:= naive(Sub, [<<"a">>])]),
    %% binary patterns with zero and high bytes
    Z = id(<<0, 1, 0, 0, 255, 0, 0, 255, 255>>),
    io:format("~p~n", [{binary:matches(Z, <<0, 0>>), binary:matches(Z, [<<255>>, <<0, 255>>])}]),
    %% one-character patterns on a large subject
    io:format("~p~n", [[length(binary:matches(Subj, <<C>>)) || C <- "abcd"]]),
    %% duplicate patterns in the list
    io:format("~p~n", [binary:matches(id(<<"abab">>), [<<"ab">>, <<"ab">>, <<"b">>])]),
    ok.
