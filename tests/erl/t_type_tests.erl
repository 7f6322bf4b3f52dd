%% Type-test guards on every kind of value available in this batch.
-module(t_type_tests).
-export([main/0, id/1, two/2]).

id(X) -> X.
two(A, B) -> {A, B}.

main() ->
    Vals = [id(0), id(-7), id(1 bsl 90), id(foo), id(true), id(false), id([]),
            id([1, 2]), id("s"), id([a | b]), id({}), id({x, y}), self(),
            make_ref(), fun(X) -> X end, fun two/2, fun ?MODULE:two/2, id(1.5)],
    erlang:display([classify(V) || V <- Vals]),
    erlang:display([arity_of(V) || V <- Vals]),
    erlang:display([{is_integer(V), is_atom(V), is_list(V), is_tuple(V)} || V <- Vals]),
    erlang:display([{is_number(V), is_float(V), is_boolean(V), is_binary(V)} || V <- Vals]),
    erlang:display([{is_pid(V), is_reference(V), is_port(V), is_function(V)} || V <- Vals]),
    erlang:display([{is_function(V, 1), is_function(V, 2), is_function(V, id(2))} || V <- Vals]),
    erlang:display([shape(V) || V <- Vals]),
    erlang:display([bool(V) || V <- Vals]),
    ok.

classify(X) when is_integer(X), X < 0 -> negint;
classify(X) when is_integer(X) -> int;
classify(X) when is_float(X) -> float;
classify(X) when is_boolean(X) -> bool;
classify(X) when is_atom(X) -> atom;
classify(X) when is_pid(X) -> pid;
classify(X) when is_reference(X) -> ref;
classify(X) when is_port(X) -> port;
classify(X) when is_binary(X) -> binary;
classify(X) when is_function(X, 1) -> fun1;
classify(X) when is_function(X) -> fun_other;
classify(X) when is_tuple(X) -> tuple;
classify(X) when is_list(X) -> list.

arity_of(F) when is_function(F, 0) -> 0;
arity_of(F) when is_function(F, 1) -> 1;
arity_of(F) when is_function(F, 2) -> 2;
arity_of(X) when is_number(X) -> num;
arity_of(_) -> none.

shape([]) -> nil;
shape([_ | _]) -> cons;
shape(_) -> other.

bool(X) when X =:= true; X =:= false -> {bool, X};
bool(X) when is_list(X), X =/= [] -> nonempty;
bool(_) -> no.
