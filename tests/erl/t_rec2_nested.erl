%% Nested records: records inside records inside lists and maps, default
%% values computed by expressions, chained updates, deep field access,
%% many-field records and records as map values and message payloads.
-module(t_rec2_nested).
-export([main/0, id/1]).

-record(addr, {street = "", city = "Nowhere", zip = 0}).
-record(emp, {id, name, addr = #addr{}, salary = 1000 * 12, skills = [] :: [atom()],
              boss = none}).
-record(dept, {name, head, staff = [], budget = {eur, 0}}).
-record(wide, {f1 = 1, f2 = 2, f3 = 3, f4 = 4, f5 = 5, f6 = 6, f7 = 7, f8 = 8,
               f9 = 9, f10 = 10, f11 = 11, f12 = 12, f13 = 13, f14 = 14, f15 = 15,
               f16 = 16, f17 = 17, f18 = 18, f19 = 19, f20 = 20}).

id(X) -> X.

p(X) -> io:format("~p~n", [X]).

raise(E = #emp{salary = S}, Pct) -> E#emp{salary = S + S * Pct div 100}.

move(E = #emp{addr = A}, City) -> E#emp{addr = A#addr{city = City}}.

city(#emp{addr = #addr{city = C}}) -> C.

main() ->
    Boss = #emp{id = 1, name = "Ada", addr = #addr{street = "Main 1", city = "Oslo", zip = 150}},
    Staff = [#emp{id = I, name = "E" ++ integer_to_list(I), boss = Boss#emp.id,
                  skills = lists:sublist([erlang, rust, c, sql], I)}
             || I <- lists:seq(2, 5)],
    D = #dept{name = rnd, head = Boss, staff = Staff},
    p(D),
    p([E#emp.name || E <- D#dept.staff]),
    p(((D#dept.head)#emp.addr)#addr.city),
    D2 = D#dept{staff = [move(raise(E, 10), "Bergen") || E <- D#dept.staff]},
    p([{E#emp.id, E#emp.salary, city(E)} || E <- D2#dept.staff]),
    D3 = D2#dept{head = (D2#dept.head)#emp{addr = ((D2#dept.head)#emp.addr)#addr{zip = 151}},
                 budget = {eur, lists:sum([E#emp.salary || E <- D2#dept.staff])}},
    p({D3#dept.budget, ((D3#dept.head)#emp.addr)#addr.zip}),
    p([S || #emp{skills = Sk} <- D3#dept.staff, S <- Sk]),
    W = #wide{},
    p(W),
    W2 = W#wide{f1 = a, f10 = b, f20 = c},
    p(W2),
    p(lists:sum([element(I, W) || I <- lists:seq(2, record_info(size, wide))])),
    p(record_info(fields, wide)),
    M = #{boss => Boss, count => length(Staff)},
    #{boss := #emp{addr = #addr{zip = Z}}} = M,
    p(Z),
    Self = self(),
    spawn(fun() -> Self ! {emp, raise(Boss, 50)} end),
    receive {emp, #emp{salary = NewS, name = N}} -> p({N, NewS}) end,
    p(#emp{} =:= #emp{}),
    p(#emp{id = 1} < #emp{id = 2}),
    p(lists:keysort(#emp.id, lists:reverse(Staff)) =:= Staff),
    p(catch (id(#addr{}))#emp.name),
    ok.
