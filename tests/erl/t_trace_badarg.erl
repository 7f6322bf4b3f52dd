%% badarg from BIFs: the BIF's own frame `{M, F, Args, [{error_info,
%% #{module => ...}}]}` sits above the caller's, whether the BIF is a
%% guard BIF, an ordinary BIF, called in tail position, through apply or
%% through a fun.
-module(t_trace_badarg).
-export([main/0, id/1]).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, R}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

tail_l2a(X) -> list_to_atom(X).

main() ->
    show(element, fun() -> {element(id(5), id({a, b}))} end),
    show(hd, fun() -> {hd(id([]))} end),
    show(tl, fun() -> {tl(id(x))} end),
    show(length, fun() -> {length(id([1 | 2]))} end),
    show(tuple_size, fun() -> {tuple_size(id([]))} end),
    show(setelement, fun() -> {setelement(id(0), {a}, b)} end),
    show(list_to_atom, fun() -> {list_to_atom(id(5))} end),
    show(list_to_atom_tail, fun() -> {tail_l2a(id([a]))} end),
    show(atom_to_list, fun() -> {atom_to_list(id("abc"))} end),
    show(integer_to_list, fun() -> {integer_to_list(id(1.5))} end),
    show(list_to_integer, fun() -> {list_to_integer(id("12z"))} end),
    show(abs, fun() -> {abs(id(x))} end),
    show(keyfind, fun() -> {lists:keyfind(a, id(0), [])} end),
    show(member, fun() -> {lists:member(a, id(b))} end),
    show(reverse, fun() -> {lists:reverse(id(x), [])} end),
    show(map_get, fun() -> {map_get(k, id(#{}))} end),
    show(maps_put, fun() -> {maps:put(k, v, id(x))} end),
    show(apply_bif, fun() -> {apply(erlang, id(element), [9, {}])} end),
    show(apply_bif_tail, fun() -> apply(erlang, id(element), [9, {}]) end),
    show(fun_bif, fun() -> F = id(fun erlang:hd/1), {F(x)} end),
    show(fun_bif_tail, fun() -> F = id(fun erlang:hd/1), F(x) end),
    show(math, fun() -> {math:sqrt(id(x))} end),
    ok.
