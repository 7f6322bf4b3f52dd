%% proplists: get_value/get_all_values/get_bool/lookup/delete/expand/
%% normalize/substitute_aliases/negations/split/compact/to_map/from_map.
-module(t_std_proplists).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    L = [{a, 1}, b, {c, 3}, {a, 2}, {d, [x]}, {e, false}, "junk", {f, 1, 2}],
    p({proplists:get_value(a, L), proplists:get_value(b, L), proplists:get_value(z, L),
       proplists:get_value(z, L, def)}),
    p(proplists:get_all_values(a, L)),
    p({proplists:get_bool(b, L), proplists:get_bool(e, L), proplists:get_bool(z, L)}),
    p({proplists:lookup(c, L), proplists:lookup(b, L), proplists:lookup(z, L), proplists:lookup(f, L)}),
    p(proplists:lookup_all(a, L)),
    p({proplists:is_defined(d, L), proplists:is_defined(q, L)}),
    p(proplists:delete(a, L)),
    p(proplists:get_keys(L)),
    p(proplists:append_values(d, [{d, [y]}, {d, z} | L])),
    p(proplists:property(a, 1)),
    p(proplists:property({b, true})),
    p(proplists:unfold([a, {b, 1}])),
    p(proplists:compact([{a, true}, {b, 1}, {c, true}])),
    p(proplists:substitute_aliases([{colour, color}], [{colour, red}, colour, x])),
    p(proplists:substitute_negations([{no_debug, debug}], [no_debug, {no_debug, false}, y])),
    p(proplists:expand([{foo, [bar, baz]}], [fie, foo, fum])),
    p(proplists:expand([{{foo, true}, [{bar, 1}]}], [{foo, true}, x])),
    p(proplists:normalize([a, {b, true}, no_c],
                          [{aliases, [{a, alpha}]}, {negations, [{no_c, c}]}])),
    p(proplists:split([{c, 2}, {e, 1}, a, {c, 3, 4}, d, {b, 5}, b], [a, b, c])),
    p(proplists:to_map([a, {b, 1}, {c, 2}, {b, 3}, "x"])),
    p(lists:sort(proplists:from_map(#{x => 1, y => 2}))),
    p(proplists:to_map([no_x, {y, 1}], [{negations, [{no_x, x}]}])),
    ok.
