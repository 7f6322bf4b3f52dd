%% badmap / badkey errors from map syntax and BIFs, with the stack-trace
%% top frame, caught with try; error values containing big maps.
-module(t_map2_errors).
-export([main/0]).

id(X) -> X.

e(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            Top = case St of
                      [{M, Fn, A, _} | _] when is_list(A) -> {M, Fn, length(A)};
                      [{M, Fn, A, _} | _] -> {M, Fn, A};
                      _ -> none
                  end,
            {C, R, Top}
    end.

upd(M, K) -> M#{K := new}.
ins(M, K) -> M#{K => new}.
get_k(M) -> #{k := V} = M, V.

main() ->
    Big = maps:from_list([{X, X} || X <- lists:seq(1, 40)]),
    Cases = [
        fun() -> upd(id(#{a => 1}), b) end,
        fun() -> upd(id(Big), 41) end,
        fun() -> upd(id(Big), 40) end,
        fun() -> upd(id([]), a) end,
        fun() -> upd(id(<<"bin">>), a) end,
        fun() -> ins(id({tuple}), a) end,
        fun() -> ins(id(7), a) end,
        fun() -> get_k(id(#{j => 1})) end,
        fun() -> get_k(id(nomap)) end,
        fun() -> (id(#{a => 1}))#{a := 2, b := 3} end,
        fun() -> (id(#{a => 1}))#{b => 2, c := 3} end,
        fun() -> map_get(zz, id(#{a => 1})) end,
        fun() -> map_get(a, id(notmap)) end,
        fun() -> map_size(id([1])) end,
        fun() -> is_map_key(a, id(3)) end,
        fun() -> maps:get(1.0, Big) end,
        fun() -> maps:get(1, id(x)) end,
        fun() -> maps:update({no}, 1, Big) end,
        fun() -> maps:keys(id(5)) end,
        fun() -> maps:values(id("list")) end,
        fun() -> maps:to_list(id(1.5)) end,
        fun() -> maps:from_list(id([{a, 1}, b])) end,
        fun() -> maps:from_list(id([{a, 1} | c])) end,
        fun() -> maps:from_list(id([{a, 1, x}])) end,
        fun() -> maps:merge(id(a), #{}) end,
        fun() -> maps:merge(#{}, id([])) end,
        fun() -> maps:is_key(a, id(b)) end,
        fun() -> maps:size(id(c)) end,
        fun() -> maps:find(a, id(d)) end,
        fun() -> maps:remove(a, id(e)) end
    ],
    lists:foreach(fun(F) -> io:format("~p~n", [e(F)]) end, Cases),
    %% badkey with a compound key
    io:format("~p~n", [e(fun() -> upd(id(#{}), {a, [1, 2], <<"x">>}) end)]),
    %% guards with bad maps just fail the guard
    G = fun(X) when map_size(X) > 0 -> nonempty;
           (X) when is_map_key(a, X) -> has_a;
           (_) -> other
        end,
    io:format("~p~n", [[G(id(X)) || X <- [#{}, #{a => 1}, [], 5, #{b => 2}]]]),
    %% map_get in a guard
    H = fun(M) when map_get(n, M) > 10 -> big;
           (M) when is_map(M) -> small_or_missing;
           (_) -> nomap
        end,
    io:format("~p~n", [[H(id(X)) || X <- [#{n => 11}, #{n => 1}, #{}, #{n => a}, x]]]),
    ok.
