-module(t_ms_fun2ms).
-export([main/0]).
-include_lib("stdlib/include/ms_transform.hrl").

-record(person, {name, age, city = home, tags = []}).

%% ets:fun2ms/1 output (the ms_transform parse transform) runs unchanged.

people() ->
    [#person{name = ann, age = 31, city = oslo, tags = [a, b]},
     #person{name = bob, age = 17},
     #person{name = cid, age = 64, city = rome, tags = [c]},
     #person{name = dan, age = 31.0, city = oslo},
     {other, 1, 2}, {x}].

specs() ->
    [ets:fun2ms(fun(#person{name = N, age = A}) when A > 30 -> {N, A} end),
     ets:fun2ms(fun(#person{name = N, age = A}) when A == 31 -> N end),
     ets:fun2ms(fun(#person{name = N, age = A}) when A =:= 31 -> N end),
     ets:fun2ms(fun(#person{city = oslo} = P) -> P end),
     ets:fun2ms(fun(P = #person{tags = [T | _]}) -> {T, P#person.name} end),
     ets:fun2ms(fun(#person{name = N, age = A}) when is_integer(A), A rem 2 =:= 1 -> [N, A * 2] end),
     ets:fun2ms(fun(#person{name = N, age = A}) when A < 18; A > 60 -> N end),
     ets:fun2ms(fun(#person{name = N, age = A, city = C}) when C =/= home andalso A >= 31 -> #{name => N, city => C} end),
     ets:fun2ms(fun(#person{name = N}) when N == bob orelse N == cid -> {found, N, self() =:= self()} end),
     ets:fun2ms(fun({other, X, Y}) -> X + Y; (#person{age = A}) when is_float(A) -> float_age end),
     ets:fun2ms(fun(#person{name = N, tags = Ts}) when length(Ts) > 1 -> {N, hd(Ts), tl(Ts)} end),
     ets:fun2ms(fun(#person{age = A} = P) when is_number(A), not (A > 40) -> element(2, P) end),
     ets:fun2ms(fun(X) when size(X) =:= 1 -> {single, element(1, X)} end),
     ets:fun2ms(fun(X) when is_record(X, person) -> X#person.age end),
     ets:fun2ms(fun(#person{name = N, age = A}) when abs(A - 40) < 10 -> {N, trunc(A / 2), round(A / 3)} end),
     ets:fun2ms(fun(#person{name = N}) -> {N, node()} end),
     ets:fun2ms(fun(#person{name = N, age = A}) when map_get(k, #{k => A}) > 30 -> N end),
     ets:fun2ms(fun(#person{name = N, age = A}) when is_map_key(k, #{k => A}) -> {N, const} end),
     ets:fun2ms(fun(#person{age = A, name = N}) when (A band 1) =:= 1, A bsl 2 > 100 -> {N, A bxor 3, bnot A} end),
     ets:fun2ms(fun(P) -> object() end),
     ets:fun2ms(fun(#person{name = N, age = A}) -> bindings() end),
     ets:fun2ms(fun(#person{name = N, age = A}) -> {N, {A, [N, A]}} end)].

main() ->
    [begin
         io:format("~p~n", [S]),
         R = try ets:match_spec_run(people(), ets:match_spec_compile(S))
             catch C:E -> {C, E} end,
         io:format("  -> ~p~n", [R]),
         io:format("  test_ms ~p~n", [ets:test_ms(hd(people()), S)])
     end || S <- specs()],
    ok.
