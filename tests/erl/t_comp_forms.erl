%% OTP's compiler running on the VM under test: modules written as source
%% text are scanned, parsed, compiled with compile:forms/2, loaded with
%% code:load_binary/3 and run. The produced .beam must be byte-identical to
%% what erl's compiler produces (phash2 of the binary), with and without
%% optimisations, and `to_asm` output must match too.
-module(t_comp_forms).
-export([main/0]).

forms(Src) ->
    {ok, Toks, _} = erl_scan:string(Src),
    split(Toks, [], []).

split([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split(T, [], [F | Acc]);
split([H | T], Cur, Acc) ->
    split(T, [H | Cur], Acc);
split([], [], Acc) ->
    lists:reverse(Acc).

src(Mod) ->
    "-module(" ++ atom_to_list(Mod) ++ ").\n"
    "-export([fact/1, fib/1, qs/1, classify/1, zip3/3, tally/1, bin/1,\n"
    "         safe_div/2, rec/1, lc/1, apply_twice/2, relops/2]).\n"
    "-record(pt, {x = 0, y = 0, tag = none}).\n"
    "fact(0) -> 1;\n"
    "fact(N) when N > 0 -> N * fact(N - 1).\n"
    "fib(N) -> fib(N, 0, 1).\n"
    "fib(0, A, _) -> A;\n"
    "fib(N, A, B) -> fib(N - 1, B, A + B).\n"
    "qs([]) -> [];\n"
    "qs([P | T]) -> qs([X || X <- T, X < P]) ++ [P] ++ qs([X || X <- T, X >= P]).\n"
    "classify(X) when is_integer(X), X < 0 -> neg;\n"
    "classify(0) -> zero;\n"
    "classify(X) when is_integer(X) -> pos;\n"
    "classify(X) when is_float(X) -> float;\n"
    "classify({_, _} = T) -> {pair, tuple_size(T)};\n"
    "classify([_ | _]) -> list;\n"
    "classify(#{} = M) -> {map, map_size(M)};\n"
    "classify(<<_/binary>>) -> binary;\n"
    "classify(_) -> other.\n"
    "zip3([A | As], [B | Bs], [C | Cs]) -> [{A, B, C} | zip3(As, Bs, Cs)];\n"
    "zip3(_, _, _) -> [].\n"
    "tally(L) -> lists:foldl(fun(X, M) -> maps:update_with(X, fun(V) -> V + 1 end, 1, M) end, #{}, L).\n"
    "bin(B) ->\n"
    "    case B of\n"
    "        <<Len:8, Str:Len/binary, Rest/binary>> -> {Str, Rest};\n"
    "        <<X:4, Y:4, _/bits>> -> {nibbles, X, Y};\n"
    "        _ -> nomatch\n"
    "    end.\n"
    "safe_div(A, B) ->\n"
    "    try A div B of\n"
    "        Q -> {ok, Q}\n"
    "    catch\n"
    "        error:badarith -> {error, badarith};\n"
    "        C:R -> {C, R}\n"
    "    end.\n"
    "rec(X) -> P = #pt{x = X, y = X * 2}, {P#pt.x + P#pt.y, P#pt{tag = done}}.\n"
    "lc(N) -> [{I, J} || I <- lists:seq(1, N), J <- lists:seq(I, N), (I + J) rem 3 =:= 0].\n"
    "apply_twice(F, X) -> F(F(X)).\n"
    "relops(A, B) -> [A < B, A =< B, A == B, A =:= B, A /= B, A =/= B, A >= B, A > B].\n".

run(Mod) ->
    [Mod:fact(20), Mod:fib(90), Mod:qs([5, 3, 9, 1, 5, 0, -2]),
     [Mod:classify(X) || X <- [-3, 0, 7, 1.5, {a, b}, [x], #{k => v}, <<1>>, atom]],
     Mod:zip3([1, 2, 3], [a, b], "xyz"),
     lists:sort(maps:to_list(Mod:tally([a, b, a, c, a, b]))),
     Mod:bin(<<3, "abcdef">>), Mod:bin(<<16#A5>>), Mod:bin(<<>>),
     Mod:safe_div(7, 2), Mod:safe_div(7, 0), Mod:safe_div(a, 1),
     Mod:rec(5), length(Mod:lc(12)),
     Mod:apply_twice(fun(X) -> X * 3 end, 7),
     Mod:relops(1, 1.0), Mod:relops(a, "a")].

compile_load(Mod, Opts) ->
    {ok, Mod, Bin} = compile:forms(forms(src(Mod)), Opts),
    _ = code:purge(Mod),
    {module, Mod} = code:load_binary(Mod, atom_to_list(Mod) ++ ".erl", Bin),
    {erlang:phash2(Bin), run(Mod)}.

main() ->
    erlang:display(compile_load(t_comp_dyn1, [])),
    erlang:display(compile_load(t_comp_dyn2, [no_copt, no_ssa_opt, no_postopt])),
    erlang:display(compile_load(t_comp_dyn3, [deterministic, no_line_info])),
    %% Reloading the same name: a new current version.
    erlang:display(compile_load(t_comp_dyn1, [debug_info])),
    {ok, t_comp_dyn4, Asm} = compile:forms(forms(src(t_comp_dyn4)), [to_asm]),
    {t_comp_dyn4, Exports, _Attrs, Fns, Labels} = Asm,
    erlang:display({Exports, length(Fns), Labels, erlang:phash2(Asm)}),
    %% Warnings and errors come back as terms with `return`.
    Bad = "-module(bad).\n-export([f/1]).\nf(X) -> Y.\ng() -> ok.\n",
    erlang:display(compile:forms(forms(Bad), [return])),
    Warn = "-module(warn).\n-export([f/1]).\nf(X) -> ok.\n",
    {ok, warn, WBin, Ws} = compile:forms(forms(Warn), [return]),
    erlang:display({erlang:phash2(WBin), Ws}),
    ok.
