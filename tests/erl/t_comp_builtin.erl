%% erlang:is_builtin/3 (erl_lint asks it about -deprecated and -removed
%% attributes), and compiling a module with such attributes.
-module(t_comp_builtin).
-export([main/0]).

tag(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main() ->
    Q = [{erlang, '!', 2}, {erlang, apply, 3}, {erlang, apply, 2}, {erlang, apply, 1},
         {erlang, yield, 0}, {lists, reverse, 2}, {lists, reverse, 1}, {lists, keyfind, 3},
         {erlang, self, 0}, {erlang, spawn, 1}, {erlang, spawn, 3}, {erlang, hibernate, 3},
         {erlang, is_builtin, 3}, {math, sqrt, 1}, {maps, get, 2}, {maps, map, 2},
         {zlib, compress, 1}, {code, load_binary, 3}, {ets, new, 2}, {erlang, '+', 2},
         {erlang, length, 1}, {binary, part, 3}, {nope, nope, 0}, {erlang, self, -1}],
    erlang:display([{M, F, A, erlang:is_builtin(M, F, A)} || {M, F, A} <- Q]),
    erlang:display(tag(fun() -> erlang:is_builtin(1, b, 1) end)),
    erlang:display(tag(fun() -> erlang:is_builtin(a, "b", 1) end)),
    erlang:display(tag(fun() -> erlang:is_builtin(a, b, 1.0) end)),
    erlang:display(tag(fun() -> erlang:is_builtin(a, b, 1 bsl 70) end)),
    Forms = [{attribute, 1, module, t_comp_b1},
             {attribute, 2, export, [{f, 0}]},
             {attribute, 3, deprecated, [{f, 0}, {self, 0}, {g, 0}]},
             {attribute, 4, removed, [{h, 0, "gone"}, {length, 1, "x"}, {f, 0, "y"}]},
             {function, 5, f, 0, [{clause, 5, [], [], [{atom, 5, ok}]}]}],
    erlang:display(compile:forms(Forms, [return])),
    ok.
