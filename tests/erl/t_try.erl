%% try/of/catch/after: of-clauses, try_clause, class filters, after
%% ordering, nested try, rethrow of unmatched classes.
-module(t_try).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display(classify(fun() -> id(ok) end)),
    erlang:display(classify(fun() -> throw(id(t)) end)),
    erlang:display(classify(fun() -> exit(id(e)) end)),
    erlang:display(classify(fun() -> erlang:error(id(r)) end)),
    erlang:display([of_clause(X) || X <- [1, 2, 3]]),
    erlang:display(case catch of_clause(id(x)) of
                       {'EXIT', {Reason, [{M, F, A, _} | _]}} -> {'EXIT', Reason, {M, F, A}}
                   end),
    erlang:display(with_after(id(1))),
    erlang:display(after_order()),
    erlang:display(nested(id(a))),
    erlang:display(nested(id(b))),
    erlang:display(nested(id(c))),
    erlang:display(only_throw(fun() -> throw(id(x)) end)),
    erlang:display(outer(fun() -> only_throw(fun() -> exit(id(y)) end) end)),
    erlang:display(outer(fun() -> only_throw(fun() -> erlang:error(id(z)) end) end)),
    erlang:display(try_in_loop(id(100), 0)),
    erlang:display(after_value()),
    erlang:display(catch_in_of(id(5))),
    erlang:display(after_runs_on_throw()),
    ok.

classify(F) ->
    try F() of
        V -> {value, V}
    catch
        throw:T -> {thrown, T};
        exit:E -> {exited, E};
        error:R -> {error, R}
    end.

of_clause(X) ->
    try id(X) of
        1 -> one;
        2 -> two;
        Y when is_integer(Y) -> {int, Y}
    catch
        _:_ -> caught
    end.

with_after(X) ->
    Self = self(),
    R = try
            X + 1
        after
            Self ! after_ran
        end,
    receive after_ran -> {R, after_ran} after 0 -> {R, no_after} end.

after_order() ->
    Self = self(),
    catch try
        try
            throw(inner)
        after
            Self ! {a, 1}
        end
    after
        Self ! {a, 2}
    end,
    collect([]).

collect(Acc) ->
    receive {a, N} -> collect([N | Acc]) after 0 -> lists:reverse(Acc) end.

nested(K) ->
    try
        try
            case K of
                a -> throw(inner);
                b -> erlang:error(inner_err);
                c -> inner_ok
            end
        catch
            throw:inner -> rethrown_after_inner
        end
    catch
        error:E -> {outer_caught, E}
    end.

only_throw(F) ->
    try F() catch throw:X -> {only_throw, X} end.

outer(F) ->
    try F() catch C:R -> {outer, C, R} end.

try_in_loop(0, Acc) -> Acc;
try_in_loop(N, Acc) ->
    V = try
            case N rem 4 of
                0 -> throw(2);
                1 -> erlang:error(3);
                2 -> exit(5);
                3 -> 7
            end
        catch
            throw:A -> A;
            error:B -> B * 10;
            exit:C -> C * 100
        end,
    try_in_loop(N - 1, Acc + V).

after_value() ->
    try id(body) after id(ignored) end.

catch_in_of(X) ->
    try id(X) of
        V -> try V div (V - 5) catch error:badarith -> {div_by_zero_in_of, V} end
    catch
        error:_ -> wrong
    end.

after_runs_on_throw() ->
    Self = self(),
    R = (catch try throw(boom) after Self ! cleaned end),
    receive cleaned -> {R, cleaned} after 0 -> {R, not_cleaned} end.
