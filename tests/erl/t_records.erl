%% Records: creation, field access, update (including multi-field updates
%% that compile to set_tuple_element), pattern matching, and {badrecord,_}.
-module(t_records).
-export([main/0, id/1]).

-record(point, {x = 0, y = 0}).
-record(person, {name, age = 0, email = none, tags = [], city, zip, phone, score = 0}).

id(X) -> X.

main() ->
    P = #point{x = id(3), y = id(4)},
    erlang:display(P),
    erlang:display({P#point.x, P#point.y, #point{}}),
    Q = P#point{y = 10},
    erlang:display(Q),
    erlang:display(dist2(Q)),
    Ann = #person{name = id("ann"), age = id(33)},
    erlang:display(Ann),
    Ann2 = birthday(Ann),
    erlang:display({Ann2#person.age, Ann2#person.name}),
    Ann3 = Ann2#person{email = id(mail), city = id(paris), score = id(99)},
    erlang:display(Ann3),
    erlang:display(move(id(#point{x = 1, y = 2}), 5)),
    erlang:display(is_record(P, point)),
    erlang:display(is_record(id({point, 1}), point)),
    erlang:display([kind(R) || R <- [P, Ann, id({other, 1})]]),
    erlang:display(field_sum([#point{x = I, y = I * I} || I <- lists:seq(1, 10)], 0)),
    erlang:display(reason(catch get_x(id({notpoint, 1, 2})))),
    erlang:display(reason(catch get_x(id(atom)))),
    erlang:display(reason(catch set_x(id({point, 1})))),
    try get_x(id([1, 2])) of
        V -> erlang:display({unexpected, V})
    catch
        error:Reason -> erlang:display({caught, Reason})
    end,
    erlang:display(#person.age),
    erlang:display(record_info(fields, point)),
    ok.

reason({'EXIT', {R, _Stack}}) -> R;
reason(Other) -> {no_exit, Other}.

dist2(#point{x = X, y = Y}) -> X * X + Y * Y.

birthday(#person{age = A} = P) -> P#person{age = A + 1}.

move(P, D) -> P#point{x = P#point.x + D, y = P#point.y - D}.

kind(#point{}) -> point;
kind(#person{name = N}) -> {person, N};
kind(_) -> unknown.

field_sum([], Acc) -> Acc;
field_sum([P | Ps], Acc) -> field_sum(Ps, Acc + P#point.x + P#point.y).

get_x(P) -> P#point.x.
set_x(P) -> P#point{x = 7}.
