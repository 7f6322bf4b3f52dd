%% Map errors as BEAM raises them, caught and displayed.
-module(t_map_errors).
-export([main/0, id/1]).

id(X) -> X.

catch_err(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    M = id(#{a => 1}),
    NotMap = id([not_a_map]),
    Big = id(maps:from_list([{I, I} || I <- lists:seq(1, 40)])),
    Tests = [
        fun() -> M#{b := 2} end,
        fun() -> Big#{41 := 2} end,
        fun() -> NotMap#{a => 1} end,
        fun() -> NotMap#{a := 1} end,
        fun() -> (id(3))#{} end,
        fun() -> maps:get(zz, M) end,
        fun() -> maps:get(zz, Big) end,
        fun() -> maps:get(a, NotMap) end,
        fun() -> maps:get(a, NotMap, default) end,
        fun() -> map_get(zz, M) end,
        fun() -> map_get(a, NotMap) end,
        fun() -> map_size(NotMap) end,
        fun() -> is_map_key(a, NotMap) end,
        fun() -> maps:find(a, NotMap) end,
        fun() -> maps:update(zz, 1, M) end,
        fun() -> maps:update(a, 1, NotMap) end,
        fun() -> maps:put(a, 1, NotMap) end,
        fun() -> maps:remove(a, NotMap) end,
        fun() -> maps:take(a, NotMap) end,
        fun() -> maps:keys(NotMap) end,
        fun() -> maps:values(NotMap) end,
        fun() -> maps:merge(NotMap, M) end,
        fun() -> maps:merge(M, NotMap) end,
        fun() -> maps:from_list([{a, 1}, bad]) end,
        fun() -> maps:from_list([{a, 1} | tail]) end,
        fun() -> maps:from_list(not_a_list) end,
        fun() -> maps:from_keys(improper, 1) end,
        fun() -> maps:to_list(NotMap) end,
        fun() -> maps:iterator(NotMap) end,
        fun() -> maps:next(bad_iter) end,
        fun() -> maps:size(NotMap) end,
        fun() -> maps:update_with(zz, fun(X) -> X end, M) end,
        fun() -> maps:fold(fun(_, _, A) -> A end, 0, NotMap) end,
        fun() -> maps:with([a], NotMap) end,
        fun() -> #{a := X} = id(#{b => 1}), X end,
        fun() -> #{} = id(NotMap) end,
        fun() -> erts_internal:map_next(0, NotMap, []) end,
        fun() -> erts_internal:map_next(99, M, []) end
    ],
    lists:foreach(fun(F) -> erlang:display(catch_err(F)) end, Tests),
    {'EXIT', {Reason, [{MM, FF, AA, _} | _]}} = (catch maps:get(nope, M)),
    erlang:display({Reason, MM, FF, AA}),
    try maps:get(nope, M)
    catch error:{badkey, K}:St ->
        [{Mod, Fun, Args, _} | _] = St,
        erlang:display({K, Mod, Fun, Args})
    end,
    ok.
