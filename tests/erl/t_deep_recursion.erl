%% Deep non-tail recursion: the stack must grow to millions of frames.
-module(t_deep_recursion).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    L = lists:seq(1, id(10000000)),
    erlang:display(len(L)),
    erlang:display(sum_body(id(1000000))),
    erlang:display(depth_tuple(id(1000000))),
    erlang:display(length(build(id(1000000)))),
    erlang:display(lists:last(double_all(lists:seq(1, id(2000000))))),
    erlang:display(ack(2, id(2000))),
    erlang:display(catch_at_depth(id(500000))),
    ok.

%% body-recursive length
len([]) -> 0;
len([_ | T]) -> 1 + len(T).

sum_body(0) -> 0;
sum_body(N) -> N + sum_body(N - 1).

depth_tuple(0) -> {0, 0};
depth_tuple(N) ->
    {D, S} = depth_tuple(N - 1),
    {D + 1, S + (N rem 7)}.

build(0) -> [];
build(N) -> [N | build(N - 1)].

double_all([]) -> [];
double_all([H | T]) -> [2 * H | double_all(T)].

ack(0, N) -> N + 1;
ack(M, 0) -> ack(M - 1, 1);
ack(M, N) -> ack(M - 1, ack(M, N - 1)).

%% throw from the bottom of a deep stack, catch at the top
catch_at_depth(N) ->
    try down(N) catch throw:{bottom, D} -> {caught_at_top, D} end.

down(0) -> throw({bottom, 0});
down(N) -> 1 + down(N - 1).
