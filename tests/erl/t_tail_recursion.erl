%% Long-running tail-recursive loops (call_only / call_last / call_ext_only)
%% must run in constant stack space.
-module(t_tail_recursion).
-export([main/0, id/1, ext_loop/2]).

id(X) -> X.

main() ->
    erlang:display(count(id(20000000), 0)),
    erlang:display(even(id(5000001))),
    erlang:display(ext_loop(id(3000000), 0)),
    erlang:display(fib_iter(id(90), 0, 1)),
    erlang:display(with_frame(id(2000000), 0)),
    erlang:display(fun_loop(fun fun_loop_step/2, id(1000000), 0)),
    erlang:display(state_machine(id(1000000), a, 0)),
    ok.

count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).

%% mutual tail recursion
even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

%% tail call through the export table
ext_loop(0, Acc) -> Acc;
ext_loop(N, Acc) -> ?MODULE:ext_loop(N - 1, Acc + 2).

fib_iter(0, A, _) -> A;
fib_iter(N, A, B) -> fib_iter(N - 1, B, A + B).

%% a function that needs a stack frame (a call in the middle) and still
%% tail calls itself at the end: call_last
with_frame(0, Acc) -> Acc;
with_frame(N, Acc) ->
    X = step(N),
    with_frame(N - 1, Acc + X).

step(N) -> N rem 3.

fun_loop(_, 0, Acc) -> Acc;
fun_loop(F, N, Acc) -> fun_loop(F, N - 1, F(N, Acc)).

fun_loop_step(N, Acc) -> (Acc + N) rem 999983.

state_machine(0, State, Acc) -> {State, Acc};
state_machine(N, a, Acc) -> state_machine(N - 1, b, Acc + 1);
state_machine(N, b, Acc) -> state_machine(N - 1, c, Acc + 2);
state_machine(N, c, Acc) -> state_machine(N - 1, a, Acc + 3).
