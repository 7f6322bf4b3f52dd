%% Benchmark: tuple-heavy pattern matching: red-black tree inserts and
%% lookups plus a small stack-machine interpreter.
-module(b_tuple_pattern).
-export([main/0, id/1]).

id(X) -> X.

%% ---- red-black tree
insert(K, V, T) ->
    {_, L, K1, V1, R} = ins(K, V, T),
    {b, L, K1, V1, R}.

ins(K, V, e) -> {r, e, K, V, e};
ins(K, V, {C, L, K1, V1, R}) when K < K1 -> bal(C, ins(K, V, L), K1, V1, R);
ins(K, V, {C, L, K1, V1, R}) when K > K1 -> bal(C, L, K1, V1, ins(K, V, R));
ins(K, V, {C, L, _, _, R}) -> {C, L, K, V, R}.

bal(b, {r, {r, A, XK, XV, B}, YK, YV, C}, ZK, ZV, D) -> {r, {b, A, XK, XV, B}, YK, YV, {b, C, ZK, ZV, D}};
bal(b, {r, A, XK, XV, {r, B, YK, YV, C}}, ZK, ZV, D) -> {r, {b, A, XK, XV, B}, YK, YV, {b, C, ZK, ZV, D}};
bal(b, A, XK, XV, {r, {r, B, YK, YV, C}, ZK, ZV, D}) -> {r, {b, A, XK, XV, B}, YK, YV, {b, C, ZK, ZV, D}};
bal(b, A, XK, XV, {r, B, YK, YV, {r, C, ZK, ZV, D}}) -> {r, {b, A, XK, XV, B}, YK, YV, {b, C, ZK, ZV, D}};
bal(C, L, K, V, R) -> {C, L, K, V, R}.

find(_, e) -> 0;
find(K, {_, L, K1, _, _}) when K < K1 -> find(K, L);
find(K, {_, _, K1, _, R}) when K > K1 -> find(K, R);
find(_, {_, _, _, V, _}) -> V.

tree_work(N) ->
    T = build(N, 1, e),
    lookups(N, 1, T, 0).

build(0, _, T) -> T;
build(N, S, T) ->
    S1 = (S * 48271) rem 2147483647,
    build(N - 1, S1, insert(S1 rem 1000000, N, T)).

lookups(0, _, _, Acc) -> Acc;
lookups(N, S, T, Acc) ->
    S1 = (S * 48271) rem 2147483647,
    lookups(N - 1, S1, T, Acc + find(S1 rem 1000000, T)).

%% ---- stack machine: computes sum of i*i for i in 1..N with a loop
%% written in a tiny instruction set
prog() ->
    {{push, 0}, {store, acc}, {push, 1}, {store, i},
     {load, i}, {load, n}, {jgt, 19},
     {load, i}, {load, i}, mul, {load, acc}, add, {store, acc},
     {load, i}, {push, 1}, add, {store, i},
     {jmp, 5},
     halt,
     {load, acc}, ret}.

vm(Prog, N) -> step(Prog, 1, [], [{n, N}]).

step(Prog, PC, Stack, Env) ->
    case element(PC, Prog) of
        {push, V} -> step(Prog, PC + 1, [V | Stack], Env);
        {store, X} -> [V | S] = Stack, step(Prog, PC + 1, S, lists:keystore(X, 1, Env, {X, V}));
        {load, X} -> {X, V} = lists:keyfind(X, 1, Env), step(Prog, PC + 1, [V | Stack], Env);
        add -> [B, A | S] = Stack, step(Prog, PC + 1, [A + B | S], Env);
        mul -> [B, A | S] = Stack, step(Prog, PC + 1, [A * B | S], Env);
        {jgt, T} -> [B, A | S] = Stack,
                    if A > B -> step(Prog, T + 1, S, Env);
                       true -> step(Prog, PC + 1, S, Env)
                    end;
        {jmp, T} -> step(Prog, T, Stack, Env);
        halt -> step(Prog, PC + 1, Stack, Env);
        ret -> hd(Stack)
    end.

main() ->
    N = id(200000),
    T0 = erlang:monotonic_time(microsecond),
    R1 = lists:sum([tree_work(N) || _ <- lists:seq(1, id(5))]),
    R2 = lists:sum([vm(prog(), id(300000)) || _ <- lists:seq(1, id(5))]),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, tuple_pattern, T1 - T0, {R1, R2}}),
    halt().
