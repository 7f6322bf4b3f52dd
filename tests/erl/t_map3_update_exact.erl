%% `M#{K := V, ...}` with several missing keys: the {badkey, K} reported is
%% the least missing key in map-key order (integers before floats), as
%% BEAM's loader sorts the keys of put_map_exact, whatever the source order;
%% small (flat) and large (hashed) maps.
-module(t_map3_update_exact).
-export([main/0]).

id(X) -> X.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        error:R -> R
    end.

main() ->
    M0 = id(#{1 => a, 2 => b, 3.0 => c, 4 => d, 5 => e}),
    Big = id(maps:from_list([{I, I} || I <- lists:seq(1, 40)] ++ [{3.0, c}, {x, y}])),
    [begin
         erlang:display(t(fun() -> M#{42.0 := v, 42 := v2} end)),
         erlang:display(t(fun() -> M#{43 := v, 42.0 := v2} end)),
         erlang:display(t(fun() -> M#{42.0 := v, 43 := v2} end)),
         erlang:display(t(fun() -> M#{b := v, a := v2} end)),
         erlang:display(t(fun() -> M#{1 := v, zz := v, aa := v2, 3 := x} end)),
         erlang:display(t(fun() -> M#{1 := v, "s" := 1, {t} := 2, [] := 3} end)),
         erlang:display(t(fun() -> M#{<<"b">> := 1, 9999999999999999999999 := 2, 0.5 := 3} end)),
         erlang:display(t(fun() -> M#{1.0 := v, 1 := w} end)),
         erlang:display(t(fun() -> lists:sort(maps:to_list(M#{3 := v, 3.0 := w})) end)),
         erlang:display(t(fun() -> maps:get(3.0, M#{3.0 := new, 1 := one}) end))
     end || M <- [M0, Big]],
    ok.
