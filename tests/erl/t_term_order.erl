%% Standard term order across types:
%% number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring
%% (ports, maps and bitstrings are not used in this batch).
-module(t_term_order).
-export([main/0, id/1, f/1]).

id(X) -> X.
f(X) -> X.

main() ->
    Ref = make_ref(),
    Fun = fun(X) -> X + 1 end,
    Ext = fun ?MODULE:f/1,
    Pid = self(),
    Terms = [id([1]), id({}), Pid, Fun, Ref, id(abc), id(1 bsl 70), id(5),
             id([]), id({a, b}), id(-3), id(zzz), id("abc"), id({1})],
    Sorted = lists:sort(Terms),
    erlang:display([kind(T) || T <- Sorted]),
    erlang:display([kind(T) || T <- lists:reverse(lists:sort(fun(A, B) -> A >= B end, Terms))]),
    Pairs = [{1, a}, {a, Ref}, {Ref, Fun}, {Fun, Pid}, {Pid, {}}, {{}, []}, {[], [0]},
             {1 bsl 80, a}, {-(1 bsl 80), 0}, {Ext, Pid}, {Ref, Ext}],
    erlang:display([{A < B, A > B, A =< B, A >= B, A == B, A /= B} || {A, B} <- Pairs]),
    %% within a type
    erlang:display(lists:sort([id(b), id(a), id(aa), id('B'), id(ab), id('')])),
    erlang:display(lists:sort([{2, a}, {1, b}, {1, a, x}, {0}, {}, {1, a}])),
    erlang:display(lists:sort([[2], [1, 2], [1], [], [1, 1, 1], [0, 9]])),
    erlang:display(lists:sort([[a | b], [a], [a | c], [b]])),
    erlang:display(lists:sort(["abd", "abc", "ab", "b", ""])),
    erlang:display({id(1) == id(1), id(a) < id({}), id({a, b}) < id({a, c}),
                    id({b}) < id({a, a}), id([]) < id([a]), id([b]) > id([a, z])}),
    erlang:display({id(atom) < id(make_ref()), Fun > Ref, Pid > Fun, {} > Pid}),
    erlang:display(lists:usort([id(3), id(1), id(3), id(a), id(1), id([]), id(a)])),
    erlang:display([max(id(x), id(1)), min(id({}), id([])), max(id([]), id({9}))]),
    ok.

kind(T) when is_integer(T) -> {int, T};
kind(T) when is_atom(T) -> {atom, T};
kind(T) when is_reference(T) -> ref;
kind(T) when is_function(T) -> 'fun';
kind(T) when is_port(T) -> port;
kind(T) when is_pid(T) -> pid;
kind(T) when is_tuple(T) -> {tuple, T};
kind([]) -> nil;
kind(T) when is_list(T) -> {list, T}.
