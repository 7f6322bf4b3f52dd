%% erlang:unique_integer/0,1: uniqueness, the positive and monotonic
%% modifiers, and badarg for bad modifier lists.
-module(t_bif2_unique).
-export([main/0]).

e(F) -> try F() catch C:R -> {C, R} end.

strictly_increasing([A, B | T]) -> A < B andalso strictly_increasing([B | T]);
strictly_increasing(_) -> true.

main() ->
    Plain = [erlang:unique_integer() || _ <- lists:seq(1, 1000)],
    io:format("~p ~p~n", [length(lists:usort(Plain)), lists:all(fun is_integer/1, Plain)]),
    Pos = [erlang:unique_integer([positive]) || _ <- lists:seq(1, 1000)],
    io:format("~p ~p~n", [length(lists:usort(Pos)), lists:all(fun(X) -> X > 0 end, Pos)]),
    Mono = [erlang:unique_integer([monotonic]) || _ <- lists:seq(1, 1000)],
    io:format("~p~n", [strictly_increasing(Mono)]),
    MP = [erlang:unique_integer([monotonic, positive]) || _ <- lists:seq(1, 1000)],
    io:format("~p ~p~n", [strictly_increasing(MP), lists:all(fun(X) -> X > 0 end, MP)]),
    %% Monotonic across processes: each child's value is above the parent's.
    Me = self(),
    Before = erlang:unique_integer([monotonic]),
    [spawn(fun() -> Me ! {v, erlang:unique_integer([monotonic])} end) || _ <- lists:seq(1, 5)],
    Vs = [receive {v, V} -> V end || _ <- lists:seq(1, 5)],
    io:format("~p~n", [lists:all(fun(V) -> V > Before end, Vs)]),
    io:format("~p~n", [is_integer(erlang:unique_integer([positive, positive, monotonic]))]),
    io:format("~p~n", [is_integer(erlang:unique_integer([]))]),
    io:format("~p~n", [[e(fun() -> erlang:unique_integer(X) end)
                        || X <- [[bad], positive, [positive | monotonic], 1, [{positive}], "a"]]]),
    ok.
