%% A spreadsheet evaluator: cells hold numbers or formulas referencing
%% other cells; evaluation is memoised in a map with cycle detection via
%% an in-progress marker. Output via erlang:display. Evaluating a cell
%% whose formula divides by an empty cell ends in an uncaught badarith
%% raised from inside lists:foldl.
-module(t_app_crash_matrix).
-export([main/0]).

main() ->
    Sheet = #{{a, 1} => 10, {a, 2} => 20, {a, 3} => 30.5,
              {b, 1} => {sum, [{a, 1}, {a, 2}, {a, 3}]},
              {b, 2} => {mul, {b, 1}, 2},
              {b, 3} => {avg, [{a, 1}, {a, 2}, {a, 3}, {b, 1}]},
              {c, 1} => {ref, {b, 2}},
              {c, 2} => {ref, {c, 3}},
              {c, 3} => {ref, {c, 2}},
              {d, 1} => {div_all, [{a, 1}, {a, 2}]},
              {d, 2} => {div_all, [{a, 2}, {z, 9}]},
              {e, 1} => {max, [{a, 3}, {b, 2}, {d, 1}]}},
    Cells = lists:sort(maps:keys(Sheet)),
    {Values, _} = lists:foldl(fun(C, {Acc, Memo}) ->
                                      case C of
                                          {d, 2} -> {Acc, Memo};
                                          _ ->
                                              {V, Memo1} = safe_eval(C, Sheet, Memo),
                                              {[{C, V} | Acc], Memo1}
                                      end
                              end, {[], #{}}, Cells),
    [erlang:display(CV) || CV <- lists:reverse(Values)],
    erlang:display({render, render(lists:reverse(Values))}),
    erlang:display({evaluating, {d, 2}}),
    {V, _} = eval({d, 2}, Sheet, #{}),
    erlang:display({unreachable, V}).

safe_eval(C, Sheet, Memo) ->
    try eval(C, Sheet, Memo)
    catch throw:{cycle, Path} -> {{error, cycle, Path}, Memo}
    end.

eval(C, Sheet, Memo) ->
    case maps:find(C, Memo) of
        {ok, in_progress} -> throw({cycle, [C]});
        {ok, V} -> {V, Memo};
        error ->
            Memo1 = Memo#{C => in_progress},
            {V, Memo2} = try formula(maps:get(C, Sheet, 0), Sheet, Memo1)
                         catch throw:{cycle, P} -> throw({cycle, [C | P]})
                         end,
            {V, Memo2#{C => V}}
    end.

formula(N, _, Memo) when is_number(N) -> {N, Memo};
formula({ref, R}, Sheet, Memo) -> eval(R, Sheet, Memo);
formula({sum, Rs}, Sheet, Memo) ->
    {Vs, M} = evals(Rs, Sheet, Memo),
    {lists:sum(Vs), M};
formula({avg, Rs}, Sheet, Memo) ->
    {Vs, M} = evals(Rs, Sheet, Memo),
    {lists:sum(Vs) / length(Vs), M};
formula({max, Rs}, Sheet, Memo) ->
    {Vs, M} = evals(Rs, Sheet, Memo),
    {lists:max(Vs), M};
formula({mul, R, K}, Sheet, Memo) ->
    {V, M} = eval(R, Sheet, Memo),
    {V * K, M};
formula({div_all, [R | Rs]}, Sheet, Memo) ->
    {V0, M0} = eval(R, Sheet, Memo),
    {Vs, M} = evals(Rs, Sheet, M0),
    {lists:foldl(fun(D, Acc) -> Acc / D end, V0, Vs), M}.

evals(Rs, Sheet, Memo) ->
    lists:foldr(fun(R, {Acc, M}) -> {V, M1} = eval(R, Sheet, M), {[V | Acc], M1} end, {[], Memo}, Rs).

render(Values) ->
    lists:flatten([io_lib:format("~s~b=~s; ", [atom_to_list(Col), Row, fmt(V)]) || {{Col, Row}, V} <- Values]).

fmt(V) when is_integer(V) -> integer_to_list(V);
fmt(V) when is_float(V) -> float_to_list(V, [{decimals, 3}, compact]);
fmt({error, cycle, _}) -> "#CYCLE".
