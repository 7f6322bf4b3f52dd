%% Optimised code holds X register stores back across moves, list and
%% tuple access, arithmetic and heap checks, writing them at calls,
%% returns, labels and runtime calls (jit lower/moves.rs
%% `defers_stores`). Each case runs 5000 times so that it is compiled
%% by the optimised tier (tier-up after 2000 entries) and checks the
%% same results before and after: values live across labels, into
%% calls and out of returns, through exceptions raised in the middle of
%% a run of held-back stores, and through collections at heap checks.
-module(t_xdefer).
-export([main/0, id/1]).

id(X) -> X.

%% The call shuffle of tak: several registers rewritten before a call.
tak(X, Y, Z) when Y < X ->
    tak(tak(X - 1, Y, Z), tak(Y - 1, Z, X), tak(Z - 1, X, Y));
tak(_, _, Z) -> Z.

%% A loop whose head and accumulator are rewritten by get_list and
%% three arithmetic steps before the self tail call.
csum([], Acc) -> Acc;
csum([C | T], Acc) -> csum(T, (Acc * 31 + C) band 16#FFFFFFF).

%% Arithmetic that overflows into bignums (the slow path's runtime call
%% writes held-back stores) and floats (the inline float path).
mix([], A, B) -> {A, B};
mix([H | T], A, B) -> mix(T, A * 1000003 + H, B * 1.5 + H).

%% Swaps and moves whose values go on to a label (a case).
shuffle(A, B, C, N) ->
    {X, Y, Z} = case N rem 3 of
                    0 -> {B, C, A};
                    1 -> {C, A, B};
                    _ -> {A, B, C}
                end,
    [X, Y, Z | pair(Z, X)].

pair(A, B) -> [{A, B}].

%% An exception raised while stores are held back; the catch sees the
%% registers the handler gets and the Y registers.
bad_add(L, N) ->
    [H | T] = L,
    K = H + N,
    {K, T, length(T) + element(1, N)}.

guarded(X, Y) when X + Y > 10, element(1, Y) =:= a -> big;
guarded(X, Y) when is_integer(Y), X * Y < 0 -> neg;
guarded(_, _) -> other.

%% Heap checks that collect while moved values are live: each step
%% builds garbage, so collections happen at the heap checks.
build(0, Acc) -> Acc;
build(N, {L, T}) ->
    Big = lists:duplicate(N rem 17 + 1, N),
    Tup = {N, Big, L},
    build(N - 1, {[hd(Big) | L], setelement(1, T, Tup)}).

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    R1 = tak(id(12), id(8), id(4)),
    R2 = csum(integer_to_list(N * 7919), N),
    R3 = mix([N, N + 1, N + 2, 16#FFFFFFFFFFFFF], N, 0.5),
    R4 = shuffle(N, {N}, [N], N),
    R5 = try bad_add([N, N], N) catch error:E1 -> {caught, E1} end,
    R6 = try bad_add([a, N], N) catch error:E2 -> {caught, E2} end,
    R7 = [guarded(N, 11 - N), guarded(N, {a}), guarded(-1, N), guarded(a, b)],
    R8 = case N rem 500 of
             0 -> {L, _} = build(300, {[], {x}}), length(L);
             _ -> none
         end,
    Acc1 = erlang:phash2({R1, R2, R3, R4, R5, R6, R7, R8}, 1 bsl 27) bxor Acc,
    case N rem 1000 of
        0 -> erlang:display({N, R1, R2, R3, R4, R5, R6, R7, R8});
        _ -> ok
    end,
    loop(N - 1, Acc1).

main() ->
    erlang:display(loop(5000, 0)),
    ok.
