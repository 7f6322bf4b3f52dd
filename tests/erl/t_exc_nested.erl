%% Exceptions crossing several call levels: after-blocks run innermost
%% first, an exception raised inside an after or a catch clause replaces
%% the original one, catch inside loops does not leak.
-module(t_exc_nested).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display(levels(id(3))),
    erlang:display(replace_in_after()),
    erlang:display(replace_in_catch()),
    erlang:display(throw_through(id(50))),
    erlang:display(catch_all_levels(id(10))),
    erlang:display(mixed_depth(id(100), 0)),
    erlang:display(error_in_guard_fun()),
    erlang:display(try_value_of_after()),
    ok.

levels(N) ->
    Self = self(),
    R = (catch nest(N, Self)),
    {R, collect([])}.

nest(0, _) -> throw(bottom);
nest(N, Self) ->
    try nest(N - 1, Self)
    after Self ! {after_ran, N}
    end.

collect(Acc) -> receive {after_ran, N} -> collect([N | Acc]) after 0 -> lists:reverse(Acc) end.

replace_in_after() ->
    try
        try throw(original) after erlang:error(from_after) end
    catch C:R -> {C, R}
    end.

replace_in_catch() ->
    try
        try erlang:error(first) catch error:first -> exit(second) end
    catch C:R -> {C, R}
    end.

throw_through(0) -> throw({depth_reached, 0});
throw_through(N) ->
    try throw_through(N - 1)
    catch throw:{depth_reached, D} when N =:= 50 -> {caught_at_top, D + 1};
          throw:{depth_reached, D} -> throw({depth_reached, D + 1})
    end.

catch_all_levels(0) -> [];
catch_all_levels(N) ->
    R = try
            case N rem 3 of
                0 -> throw(N);
                1 -> exit(N);
                2 -> N div (N - N)
            end
        catch
            throw:V -> {t, V};
            exit:V -> {e, V};
            error:badarith -> {a, N}
        end,
    [R | catch_all_levels(N - 1)].

mixed_depth(0, Acc) -> Acc;
mixed_depth(N, Acc) ->
    V = case catch (try risky(N) catch throw:T -> T end) of
            {'EXIT', _} -> 1000;
            Other -> Other
        end,
    mixed_depth(N - 1, Acc + V).

risky(N) when N rem 5 =:= 0 -> erlang:error(five);
risky(N) when N rem 2 =:= 0 -> throw(2);
risky(_) -> 1.

error_in_guard_fun() ->
    F = fun(X) when hd(X) > 0 -> positive_head; (_) -> other end,
    [F(id([1])), F(id([])), F(id(atom)), F(id([-1]))].

try_value_of_after() ->
    Self = self(),
    V = try id(body_value) after Self ! side_effect end,
    receive side_effect -> {V, side_effect_seen} after 0 -> {V, none} end.
