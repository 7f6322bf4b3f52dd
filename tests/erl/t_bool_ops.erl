%% Boolean operators: and/or/xor/not (strict), andalso/orelse
%% (short-circuit, tail position may return non-booleans), badarg cases.
-module(t_bool_ops).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    Bs = [id(true), id(false)],
    erlang:display([{A, B, A and B, A or B, A xor B, not A} || A <- Bs, B <- Bs]),
    erlang:display([{A, B, A andalso B, A orelse B} || A <- Bs, B <- Bs]),
    %% short circuit: the right side is never evaluated
    erlang:display(id(false) andalso erlang:error(never)),
    erlang:display(id(true) orelse erlang:error(never)),
    %% right side of andalso/orelse can be any term
    erlang:display({id(true) andalso id(value), id(false) orelse id({x})}),
    erlang:display(try id(1) and id(true) catch error:R1 -> R1 end),
    erlang:display(try not id(3) catch error:R2 -> R2 end),
    erlang:display(try id(foo) andalso id(true) catch error:R3 -> R3 end),
    erlang:display([check(X) || X <- [-5, 0, 5, 50, a]]),
    erlang:display(all_true([true, true, true])),
    erlang:display(all_true([true, false, true])),
    erlang:display(count_true([X > 3 || X <- lists:seq(1, 10)], 0)),
    ok.

check(X) when is_integer(X) andalso (X < 0 orelse X > 10) -> out_of_range;
check(X) when is_integer(X), not (X =:= 0) -> nonzero;
check(X) when X == 0 -> zero;
check(_) -> not_int.

all_true([]) -> true;
all_true([H | T]) -> H andalso all_true(T).

count_true([], N) -> N;
count_true([true | T], N) -> count_true(T, N + 1);
count_true([false | T], N) -> count_true(T, N).
