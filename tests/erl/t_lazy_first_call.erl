%% Girder compiles a function at its first call (docs/ARCHITECTURE.md,
%% "Lazy compilation"). Each function of the loaded module below is first
%% reached a different way: a remote call, apply/3, a fun of a local
%% function, an external fun, spawn/3, a local call from a compiled
%% function, a process running the old version after a reload, two
%% processes at once; plus constants built while compiling (a bignum, a
%% map keys tuple) and stack traces through lazily compiled code.
-module(t_lazy_first_call).
-export([main/0]).

src(V) ->
    "-module(t_lz_m).
     -export([a/1, b/1, c/1, mk/1, d/1, e/1, sp/1, big/0, mp/1, bad/1, deep/1,
              loop/0, slow/1, v/0, twice/1]).
     v() -> " ++ integer_to_list(V) ++ ".
     a(X) -> {a, X, v()}.
     b(X) -> {b, X * 2}.
     c(X) -> [c | X].
     mk(N) -> fun(X) -> helper(X, N) end.
     helper(X, N) -> {helper, X + N, v()}.
     d(X) -> e(X) + 1.
     e(X) -> X * 10.
     sp(Parent) -> Parent ! {sp, self(), v()}.
     big() -> 123456789012345678901234567890 + v().
     mp(X) -> #{zeta => X, alpha => v(), mid => [X]}.
     bad(X) -> Y = inner(X), {never, Y}.
     inner(X) -> element(X, {one}).
     deep(0) -> erlang:error(bottom);
     deep(N) -> [N | deep(N - 1)].
     loop() -> receive {call, From} -> From ! {self(), old_only()}, loop(); stop -> ok end.
     old_only() -> {old_only, v()}.
     slow(Parent) -> Parent ! {slow, self(), twice(v())}.
     twice(X) -> {X, X}.
    ".

forms(V) ->
    {ok, Ts, _} = erl_scan:string(src(V)),
    split(Ts, [], []).

split([], [], Acc) -> lists:reverse(Acc);
split([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split(T, [], [F | Acc]);
split([X | T], Cur, Acc) -> split(T, [X | Cur], Acc).

load(V) ->
    {ok, t_lz_m, B} = compile:forms(forms(V), []),
    {module, t_lz_m} = code:load_binary(t_lz_m, "t_lz_m.erl", B),
    ok.

d(T) -> erlang:display(T).

trace_names(St) -> [{M, F, A} || {M, F, A, _} <- St].

main() ->
    load(1),
    d(t_lz_m:a(1)),
    d(apply(t_lz_m, b, [21])),
    F = t_lz_m:mk(100),
    d(F(1)),
    d(F(2)),
    C = fun t_lz_m:c/1,
    d(C([x])),
    d(lists:map(fun t_lz_m:e/1, [1, 2, 3])),
    d(t_lz_m:d(4)),
    d(t_lz_m:e(5)),
    Self = self(),
    P = spawn(t_lz_m, sp, [Self]),
    receive {sp, P, V1} -> d({spawned, V1}) end,
    d(t_lz_m:big()),
    d(t_lz_m:mp(7)),
    d(catch t_lz_m:bad(2)),
    {'EXIT', {badarg, St}} = (catch t_lz_m:bad(2)),
    d(trace_names(St)),
    {'EXIT', {bottom, St2}} = (catch t_lz_m:deep(3)),
    d(trace_names(St2)),
    %% Two processes call the same function for the first time.
    Ps = [spawn(t_lz_m, slow, [Self]) || _ <- [1, 2]],
    d([receive {slow, Q, R} -> R end || Q <- Ps]),
    %% A process runs version 1; version 2 is loaded; the old process
    %% then calls a function of version 1 that never ran before.
    L = spawn(t_lz_m, loop, []),
    Big1 = t_lz_m:big(),
    load(2),
    d(t_lz_m:a(2)),
    d(F(3)),
    d((t_lz_m:mk(1000))(3)),
    L ! {call, Self},
    receive {L, R1} -> d({old_process, R1}) end,
    d(t_lz_m:big()),
    L ! stop,
    timer:sleep(10),
    d(code:purge(t_lz_m)),
    d(Big1),
    d(catch F(4)),
    d(t_lz_m:mp(8)),
    d(t_lz_m:twice(t_lz_m:v())),
    ok.
