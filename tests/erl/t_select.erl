%% Multi-way dispatch: select_val on atoms and integers, select_tuple_arity,
%% test_arity, is_tagged_tuple, and shared continuations (jump).
-module(t_select).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display([day(D) || D <- [mon, tue, wed, thu, fri, sat, sun, xyz]]),
    erlang:display([digit(N) || N <- lists:seq(-1, 11)]),
    erlang:display([sparse(N) || N <- [0, 1, 100, 1000, 99999, 1 bsl 70, 7]]),
    erlang:display([arity(T) || T <- [{}, {a}, {a, b}, {a, b, c}, {1, 2, 3, 4}, {1, 2, 3, 4, 5}, notuple]]),
    erlang:display([msg(M) || M <- [{ok, 1}, {error, bad}, {ok, 1, 2}, {data, [1, 2]},
                                    {stop}, {other, x}, ok, {1, 2}]]),
    erlang:display([pair(P) || P <- [{1, 2}, {a, b}, {x}, {1, 2, 3}]]),
    erlang:display([shared(X) || X <- [1, 2, 3, 4, 5, a]]),
    erlang:display([mixed(X) || X <- [0, 1, a, b, {c}, [d], 2]]),
    erlang:display([lang(X) || X <- [erlang, elixir, gleam, rust, 1]]),
    ok.

day(mon) -> 1;
day(tue) -> 2;
day(wed) -> 3;
day(thu) -> 4;
day(fri) -> 5;
day(sat) -> weekend;
day(sun) -> weekend;
day(_) -> unknown.

digit(0) -> zero;
digit(1) -> one;
digit(2) -> two;
digit(3) -> three;
digit(4) -> four;
digit(5) -> five;
digit(6) -> six;
digit(7) -> seven;
digit(8) -> eight;
digit(9) -> nine;
digit(_) -> other.

sparse(N) ->
    case N of
        0 -> a;
        100 -> b;
        1000 -> c;
        99999 -> d;
        7 -> e;
        _ -> z
    end.

arity(T) ->
    case T of
        {} -> 0;
        {_} -> 1;
        {_, _} -> 2;
        {_, _, _} -> 3;
        {_, _, _, _} -> 4;
        _ when is_tuple(T) -> many;
        _ -> not_a_tuple
    end.

msg({ok, V}) -> {got, V};
msg({error, E}) -> {failed, E};
msg({ok, A, B}) -> {got2, A + B};
msg({data, L}) when is_list(L) -> {len, length(L)};
msg({stop}) -> stopping;
msg(_) -> ignored.

pair({A, B}) -> {B, A};
pair(_) -> nope.

shared(X) ->
    R = case X of
            1 -> one;
            2 -> two;
            3 -> three;
            _ -> many
        end,
    {X, R}.

mixed(X) ->
    case X of
        0 -> int0;
        1 -> int1;
        a -> atom_a;
        b -> atom_b;
        {c} -> tup;
        [d] -> lst;
        _ -> dflt
    end.

lang(L) ->
    Kind = if
               L =:= erlang; L =:= elixir; L =:= gleam -> beam;
               is_atom(L) -> native;
               true -> unknown
           end,
    {L, Kind}.
