%% try/catch/after ordering: side effects in body, of-clauses, catch
%% clauses and after blocks are printed in the order they run.
-module(t_exc2_order).
-export([main/0, id/1]).

id(X) -> X.

log(X) -> io:format("~p~n", [X]).

t1(V) ->
    try t1_inner(V) catch throw:{big, _} = T -> log({caught_outside, T}), big end.

t1_inner(V) ->
    try log({body, V}), V of
        1 -> log(of_one), one;
        N when N > 10 -> log(of_big), throw({big, N});
        _ -> log(of_other), other
    catch
        throw:{big, _} = T -> log({not_caught_here, T}), big
    after
        log({after_t1, V})
    end.

t2(V) ->
    try
        try
            log(inner_body),
            case V of
                e -> error(boom);
                t -> throw(tb);
                x -> exit(xb);
                _ -> fine
            end
        catch
            throw:R -> log({inner_throw, R}), {thrown, R}
        after
            log(inner_after)
        end
    catch
        C:R2 -> log({outer, C, R2}), {C, R2}
    after
        log(outer_after)
    end.

t3() ->
    %% after runs even when the catch clause itself raises
    try
        try throw(first)
        catch throw:first -> log(in_catch), error(second)
        after log(after_of_raising_catch)
        end
    catch error:second -> log(second_caught), ok
    end.

t4() ->
    %% the value of after is discarded
    X = try id(1) after id(2) end,
    Y = try id(a) of a -> b after c end,
    {X, Y}.

t5(N) ->
    %% after inside a loop; accumulating
    lists:foldl(fun(I, Acc) ->
                        try
                            if I rem 3 =:= 0 -> throw(I); true -> ok end,
                            [I | Acc]
                        catch throw:J -> [{t, J} | Acc]
                        after put(count, get(count) + 1)
                        end
                end, [], lists:seq(1, N)).

t6() ->
    %% return from within try in a nested function call
    F = fun(X) -> try X * 2 after log({fun_after, X}) end end,
    [F(I) || I <- [1, 2, 3]].

t7() ->
    %% exception in after replaces the original one
    try
        try throw(orig) after error(from_after) end
    catch C:R -> {C, R}
    end.

t8() ->
    %% of clause raising is not caught by the same try
    try
        try id(5) of 5 -> throw(in_of)
        catch throw:in_of -> not_here
        end
    catch throw:in_of -> outer_got_it
    end.

main() ->
    log(t1(1)), log(t1(20)), log(t1(5)),
    log(t2(ok)), log(t2(e)), log(t2(t)), log(t2(x)),
    log(t3()),
    log(t4()),
    put(count, 0),
    log(t5(7)), log(get(count)),
    log(t6()),
    log(t7()),
    log(t8()),
    ok.
