%% queue: the original, extended and Okasaki APIs, plus filter/fold/
%% any/all/delete/split/join, and the internal representation via ~p.
-module(t_std_queue).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    Q0 = queue:new(),
    Q1 = lists:foldl(fun queue:in/2, Q0, [1, 2, 3, 4, 5]),
    p(Q1),
    p({queue:to_list(Q1), queue:len(Q1), queue:is_empty(Q1), queue:is_queue(Q1)}),
    {{value, V1}, Q2} = queue:out(Q1),
    {{value, V2}, Q3} = queue:out_r(Q2),
    p({V1, V2, queue:to_list(Q3)}),
    p(queue:out(Q0)),
    p(queue:to_list(queue:in_r(0, Q1))),
    p({queue:peek(Q1), queue:peek_r(Q1), queue:peek(Q0)}),
    p({queue:get(Q1), queue:get_r(Q1)}),
    p(catch queue:get(Q0)),
    p(queue:to_list(queue:drop(Q1))),
    p(queue:to_list(queue:drop_r(Q1))),
    p(queue:to_list(queue:reverse(Q1))),
    {A, B} = queue:split(2, Q1),
    p({queue:to_list(A), queue:to_list(B)}),
    p(queue:to_list(queue:join(A, B))),
    p(queue:to_list(queue:filter(fun(X) -> X rem 2 =:= 1 end, Q1))),
    p(queue:to_list(queue:filter(fun(X) -> [X, X * 10] end, Q1))),
    p(queue:to_list(queue:filtermap(fun(X) when X > 3 -> {true, -X}; (X) -> X =:= 1 end, Q1))),
    p(queue:fold(fun(X, Acc) -> X + Acc end, 0, Q1)),
    p({queue:any(fun(X) -> X > 4 end, Q1), queue:all(fun(X) -> X > 4 end, Q1)}),
    p(queue:to_list(queue:delete(3, Q1))),
    p(queue:to_list(queue:delete_r(3, queue:from_list([3, 1, 3])))),
    p(queue:to_list(queue:delete_with(fun(X) -> X > 2 end, Q1))),
    p({queue:member(3, Q1), queue:member(9, Q1)}),
    %% Okasaki API
    p(queue:to_list(queue:cons(a, queue:snoc(Q0, b)))),
    p({queue:head(Q1), queue:daeh(Q1), queue:last(Q1)}),
    p(queue:to_list(queue:tail(Q1))),
    p(queue:to_list(queue:init(Q1))),
    p(queue:to_list(queue:liat(Q1))),
    %% many operations keep FIFO order
    Q = lists:foldl(fun(I, Q) when I rem 3 =:= 0 -> {_, Qn} = queue:out(Q), Qn;
                       (I, Q) -> queue:in(I, Q) end, Q0, lists:seq(1, 100)),
    p(queue:to_list(Q)),
    p(queue:from_list([x, y, z])),
    ok.
