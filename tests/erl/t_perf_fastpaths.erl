%% Inline fast paths of the JIT (lower/arith.rs, lower/tests.rs,
%% lower/moves.rs): small-int arithmetic with a constant operand at the
%% 60-bit boundaries, float + - * on two floats (overflow raises badarith
%% with erlang's frame), float order tests, and X registers kept across a
%% heap check that collects.
-module(t_perf_fastpaths).
-export([main/0, id/1]).

id(X) -> X.

-define(MAXS, 576460752303423487).
-define(MINS, -576460752303423488).

inc(X) -> X + 1.
inc_l(X) -> 1 + X.
dec(X) -> X - 1.
from(X) -> 5 - X.
add7(X) -> X + 7.
sub_big(X) -> X - 100000000000.

fadd(A, B) -> A + B.
fsub(A, B) -> A - B.
fmul(A, B) -> A * B.

lt(A, B) when A < B -> true;
lt(_, _) -> false.
ge(A, B) when A >= B -> true;
ge(_, _) -> false.
lt2(A) when A < 2 -> true;
lt2(_) -> false.
ge2(A) when 2 >= A -> true;
ge2(_) -> false.
lt_f(A) when 4.0 < A -> true;
lt_f(_) -> false.

%% float loop as mandelbrot's: floats in x registers, + on floats, < 4.0
esc(_, _, _, _, 60) -> 60;
esc(Zr, Zi, Cr, Ci, K) ->
    Zr2 = Zr * Zr, Zi2 = Zi * Zi,
    if
        Zr2 + Zi2 > 4.0 -> K;
        true -> esc(Zr2 - Zi2 + Cr, 2.0 * Zr * Zi + Ci, Cr, Ci, K + 1)
    end.

%% builds floats with + on two floats until many collections happened
fsum(0, A, _) -> A;
fsum(N, A, B) -> fsum(N - 1, B * 0.5 + 1.0, A * 0.5 - 0.25 + B * 0.125).

%% a term kept in x registers across allocations that collect
keep(0, T, Acc) -> {T, length(Acc)};
keep(N, T, Acc) -> keep(N - 1, T, [{N, T} | Acc]).

%% the first frame of a BIF's error (rt_bif_frame: arguments, error_info
%% formatter module by the BIF's module)
top(F) ->
    try F() of V -> {ok, V}
    catch C:R:St -> {C, R, hd(St)}
    end.

try_call(F) ->
    try F() of V -> {ok, V}
    catch C:R:St -> {C, R, [{M, Fn, A} || {M, Fn, A, _} <- lists:sublist(St, 2)]}
    end.

main() ->
    Ints = [0, 1, -1, 2, 3, ?MAXS, ?MAXS - 1, ?MAXS - 7, ?MINS, ?MINS + 1,
            ?MAXS + 1, ?MINS - 1, 100000000000, 1.5, -0.0, 0.0],
    [erlang:display({I, inc(id(I)), inc_l(id(I)), dec(id(I)), from(id(I)),
                     add7(id(I)), sub_big(id(I))}) || I <- Ints],
    [erlang:display(try_call(fun() -> F(id(V)) end))
     || F <- [fun inc/1, fun dec/1, fun from/1], V <- [a, "s", {1}]],
    Fs = [0.0, -0.0, 1.5, -2.25, 1.0e300, -1.0e300, 1.0e-300, 3, ?MAXS, ?MAXS + 1],
    [erlang:display({A, B, try_call(fun() -> fadd(A, B) end),
                     try_call(fun() -> fsub(A, B) end),
                     try_call(fun() -> fmul(A, B) end)})
     || A <- Fs, B <- Fs],
    [erlang:display({A, B, lt(A, B), ge(A, B)})
     || A <- Fs ++ [a, [], 2], B <- Fs ++ [a, 2]],
    [erlang:display({A, lt2(A), ge2(A), lt_f(A)})
     || A <- [1, 2, 3, 1.9, 2.0, 2.1, 4.0, 4.5, -0.0, ?MAXS + 1, -?MAXS - 2, a, {}]],
    erlang:display(try_call(fun() -> fadd(id(1.0e308), id(1.0e308)) end)),
    erlang:display(try_call(fun() -> fmul(id(-1.0e200), id(1.0e200)) end)),
    erlang:display(try_call(fun() -> fsub(id(-1.0e308), id(1.0e308)) end)),
    erlang:display(try_call(fun() -> fadd(id(1.0), id(a)) end)),
    erlang:display(lists:sum([esc(X / 20, Y / 20, X / 20, Y / 20, 0)
                              || X <- lists:seq(-40, 20), Y <- lists:seq(-20, 20)])),
    erlang:display(fsum(200000, 1.0, 2.0)),
    erlang:display(keep(100000, {a, "kept", 1.5}, [])),
    [erlang:display(top(F)) || F <- [fun() -> atom_to_list(id(1)) end,
                                     fun() -> id(7) div id(0) end,
                                     fun() -> lists:reverse(id(a), id(b)) end,
                                     fun() -> maps:get(id(k), id(#{})) end,
                                     fun() -> math:sqrt(id(-1)) end,
                                     fun() -> binary:part(id(<<>>), 5, 1) end,
                                     fun() -> os:getenv(id(1)) end,
                                     fun() -> persistent_term:get(id({t_perf, none})) end,
                                     fun() -> atomics:new(id(0), []) end,
                                     fun() -> erts_debug:size(id(1), id(2)) end,
                                     fun() -> throw(id(x)) end,
                                     fun() -> erlang:raise(throw, id(y), [{m, f, 1}]) end,
                                     fun() -> erlang:raise(error, id(z), [{m, f, [a], [{line, 3}]}]) end,
                                     fun() -> erlang:raise(error, id(z), [bad]) end]],
    ok.
