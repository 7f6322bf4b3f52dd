-module(t_ets_ordset_range).
-export([main/0]).
%% ordered_set traversals whose key pattern is partly bound: the traversal
%% starts at the first key that can match and stops after the last one.
%% Every result is also checked against the spec run over the whole table
%% (ets:match_spec_run on tab2list), so a range that starts or stops too
%% early shows as `false`.

d(X) -> erlang:display(X).

keys() ->
    [1, 1.5, 2, -3, 10000000000000000000000, a, b, '$1', '_',
     [], [1], [1, 2], [1, 2, 3], [1, 2 | x], [1 | 2], [2], [1.0, 5], "abc", "abd", "b",
     {}, {a}, {a, 1}, {a, 2}, {a, 2.5}, {a, b}, {a, b, c}, {a, b, d}, {b, 1}, {a, a},
     {a, {b, 1}}, {a, {b, 2}}, {a, {c, 1}}, {a, {b, 1, 2}}, {a, {b}},
     {{a, 1}, x}, {{a, 2}, y}, {{b, 1}, z}, {{a}, w},
     {1, x}, {1.0, y}, {2, x}, {1.5, x}, {a, [1, 2]}, {a, [1, 3]}, {a, "x"}, {a, []},
     {a, <<"x">>}, {a, <<"xy">>}, {<<"x">>, 1}, {<<"x">>, 2}, {<<"y">>, 1},
     <<"ab">>, <<"abc">>, <<>>, <<1:3>>,
     #{a => 1}, #{a => 2, b => 3}, {a, #{k => 1}}, {a, #{k => 2}}, {m, #{}},
     {g, 1, 100}, {g, 1, 200}, {g, 2, 100}, {g, 2, 50}, {g, 3, 1}, {g, 1.0, 7}].

pats() ->
    ['_', '$1', a, 1, 1.0, {a, '_'}, {a, '$1'}, {'_', 1}, {'$1', '$1'}, {a, '$1', '_'},
     {a, b, '_'}, {a, {b, '_'}}, {a, {b, '$2'}}, {a, {'_', 1}}, {a, {b, '_', '_'}},
     {{a, '_'}, '_'}, {{'_', 1}, '_'}, {{a, 1}, '$1'}, {1, '_'}, {1.0, '_'}, {2, '_'},
     {<<"x">>, '_'}, {a, <<"x">>}, {a, [1 | '_']}, {a, [1, '_']}, {a, "x"},
     [1 | '_'], [1, 2 | '_'], [1, '_'], [1, '$1' | '$2'], ['$1' | '_'], [1.0 | '_'],
     [1, 2, 3 | '_'], "ab" ++ '_', [$a, $b | '$1'], {g, 1, '_'}, {g, 2, '$1'}, {g, '_', 100},
     {g, 1.0, '_'}, {}, {'_'}, {a, 2}, {a, 1.0}, {m, '_'}, {a, #{k => '_'}},
     {a, '$1', c}, {zz, '_'}, {0, '_'}, [0 | '_'], [3 | '_'], {a, [] }].

main() ->
    T = ets:new(t, [ordered_set]),
    ets:insert(T, [{K, N} || {K, N} <- lists:zip(keys(), lists:seq(1, length(keys())))]),
    All = ets:tab2list(T),
    d(length(All)),
    lists:foreach(fun(P) -> one(T, All, P) end, pats()),
    guards(T, All),
    multi(T, All),
    keypos2(),
    chunks(T, All),
    changes(),
    ok.

check(All, Spec, R) ->
    Want = ets:match_spec_run(All, ets:match_spec_compile(Spec)),
    R =:= Want.

one(T, All, P) ->
    Spec = [{{P, '$9'}, [], ['$_']}],
    R = ets:select(T, Spec),
    RR = ets:select_reverse(T, Spec),
    C = ets:select_count(T, [{{P, '_'}, [], [true]}]),
    M = ets:match(T, {P, '$9'}),
    MO = ets:match_object(T, {P, '_'}),
    d({P, [V || {_, V} <- R], check(All, Spec, R), RR =:= lists:reverse(R), C =:= length(R),
       length(M) =:= length(R), MO =:= R}).

guards(T, All) ->
    Specs = [
        [{{{g, 1, '$1'}, '_'}, [{'<', '$1', 150}], ['$1']}],
        [{{{g, '$2', '$1'}, '_'}, [{'==', '$2', 2}], [{{'$2', '$1'}}]}],
        [{{{a, '$1'}, '$2'}, [{is_integer, '$1'}], ['$2']}],
        [{{{a, '$1'}, '$2'}, [{is_tuple, '$1'}, {'=:=', {element, 1, '$1'}, b}], ['$1']}],
        [{{[1 | '$1'], '_'}, [{is_list, '$1'}], ['$1']}],
        [{{{'$1', '_'}, '_'}, [{is_binary, '$1'}], ['$_']}],
        [{{{a, '$1'}, '_'}, [{'>', '$1', 1}], [{const, hit}]}]
    ],
    lists:foreach(
      fun(S) ->
          R = ets:select(T, S),
          d({R, check(All, S, R), ets:select_reverse(T, S) =:= lists:reverse(R)})
      end, Specs).

%% Several clauses: the traversal covers every clause's range.
multi(T, All) ->
    Specs = [
        [{{{a, '_'}, '_'}, [], [1]}, {{{g, '_', '_'}, '_'}, [], [2]}],
        [{{{g, 2, '_'}, '_'}, [], ['$_']}, {{{a, '_'}, '_'}, [], ['$_']}],
        [{{[1 | '_'], '_'}, [], ['$_']}, {{1, '_'}, [], ['$_']}],
        [{{{a, '_'}, '_'}, [], ['$_']}, {{'$1', '_'}, [{is_atom, '$1'}], ['$_']}],
        [{{{b, '_'}, '_'}, [], ['$_']}, {{2, '_'}, [], ['$_']}, {{<<"ab">>, '_'}, [], ['$_']}],
        [{{a, '_'}, [], ['$_']}, {{b, '_'}, [], ['$_']}],
        [{{{a, 1}, '_'}, [], ['$_']}, {{{a, 2}, '_'}, [], ['$_']}],
        [{{{zz, '_'}, '_'}, [], ['$_']}, {short}, {{}, [], []}]
    ],
    lists:foreach(
      fun(S) ->
          case catch ets:select(T, S) of
              {'EXIT', {Reason, _}} -> d({'EXIT', Reason});
              R when is_list(R) ->
                  d({R, check(All, S, R), ets:select_reverse(T, S) =:= lists:reverse(R),
                     ets:select_count(T, S)})
          end
      end, Specs).

%% The key in another position.
keypos2() ->
    T = ets:new(k2, [ordered_set, {keypos, 2}]),
    ets:insert(T, [{v, {I rem 3, I}, x} || I <- lists:seq(1, 30)]),
    All = ets:tab2list(T),
    S1 = [{{'_', {1, '$1'}, '_'}, [], ['$1']}],
    S2 = [{{'_', {'_', 5}, '_'}, [], ['$_']}],
    S3 = [{{v, {2, '_'}}, [], ['$_']}],
    [d({ets:select(T, S), check(All, S, ets:select(T, S)), ets:select_reverse(T, S)})
     || S <- [S1, S2, S3]].

chunks(T, All) ->
    Specs = [[{{P, '_'}, [], ['$_']}] || P <- [{g, 1, '_'}, {a, '_'}, [1 | '_'], {a, {b, '_'}}, '_', {zz, '_'}, a]],
    lists:foreach(
      fun(S) ->
          Full = ets:select(T, S),
          Rs = [{N, collect(ets:select(T, S, N)) =:= Full,
                 collect(ets:select_reverse(T, S, N)) =:= lists:reverse(Full)}
                || N <- [1, 2, 3, 7, 100]],
          d({length(Full), check(All, S, Full), Rs})
      end, Specs),
    %% Exactly `Limit` results: erl still returns a continuation.
    S = [{{{g, 1, '_'}, '_'}, [], ['$_']}],
    {L3, C3} = ets:select(T, S, 2),
    d({length(L3), is_tuple(C3), ets:select(C3)}),
    {L2, C2} = ets:select(T, S, 1),
    d({length(L2), element(3, C2), element(4, C2), element(6, C2), element(7, C2), element(8, C2)}),
    {_, C2r} = ets:select_reverse(T, S, 2),
    d({element(2, C2r), element(3, C2r), element(7, C2r)}),
    %% A single bound key: erl looks it up and does not continue.
    d(ets:select(T, [{{{g, 1, 100}, '_'}, [], ['$_']}], 1)),
    d(ets:select(T, [{{{g, 1, 100}, '_'}, [], ['$_']}, {{{g, 1, 100}, '$1'}, [], ['$1']}], 1)),
    d(ets:select(T, [{{nokey, '_'}, [], ['$_']}], 1)),
    %% End conditions of several clauses (shown in the continuation).
    Multi = [{{{g, 1, '_'}, '_'}, [], ['$_']}, {{{g, 2, '_'}, '_'}, [], ['$_']},
             {{{a, '_'}, '_'}, [], ['$_']}],
    {_, CM} = ets:select(T, Multi, 1),
    {_, CMr} = ets:select_reverse(T, Multi, 1),
    d({element(3, CM), element(3, CMr)}),
    %% match/3 and match_object/3 chunk through the same path.
    d(collect(ets:match(T, {{g, '$1', '$2'}, '_'}, 2))),
    d(collect(ets:match_object(T, {[1 | '_'], '_'}, 2))).

collect('$end_of_table') -> [];
collect({L, C}) -> L ++ collect(ets:select(C)).

%% select_delete, select_replace and match_delete restricted to a range.
changes() ->
    T = ets:new(c, [ordered_set]),
    ets:insert(T, [{{k, I rem 4, I}, I} || I <- lists:seq(1, 40)] ++ [{I, x} || I <- lists:seq(1, 5)]),
    d(ets:select_delete(T, [{{{k, 1, '$1'}, '_'}, [{'>', '$1', 20}], [true]}])),
    d(ets:select(T, [{{{k, 1, '$1'}, '_'}, [], ['$1']}])),
    d(ets:select_replace(T, [{{{k, 2, '$1'}, '$2'}, [{'<', '$1', 15}], [{{{{k, 2, '$1'}}, {'*', '$2', 10}}}]}])),
    d(ets:select(T, [{{{k, 2, '_'}, '$2'}, [], ['$2']}])),
    d(element(1, element(2, catch ets:select_replace(T, [{{{k, 3, '$1'}, '$2'}, [], [{{{{k, 4, '$1'}}, '$2'}}]}])))),
    d(ets:match_delete(T, {{k, 3, '_'}, '_'})),
    d(ets:select_count(T, [{{{k, '_', '_'}, '_'}, [], [true]}])),
    d(ets:select_delete(T, [{{1.0, '_'}, [], [true]}])),
    d(ets:select_delete(T, [{{1, '_'}, [], [true]}])),
    d(ets:tab2list(T)).
