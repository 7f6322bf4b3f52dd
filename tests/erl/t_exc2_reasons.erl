%% Every error reason shape, caught and printed with ~p together with the
%% first frame (module, function, arity-or-args, location).
-module(t_exc2_reasons).
-export([main/0, id/1]).

-record(pt, {x = 0, y = 0}).
-record(other, {a}).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> io:format("~p returned ~p~n", [Name, V])
    catch
        C:R:St ->
            [Top | _] = St,
            io:format("~p: ~p:~p~n  ~p~n", [Name, C, clean(R), clean_frame(Top)])
    end.

clean({badarity, {F, A}}) when is_function(F) -> {badarity, {fun_arity(F), A}};
clean({badfun, F}) when is_function(F) -> {badfun, fun_arity(F)};
clean(R) -> R.

fun_arity(F) -> {arity, element(2, erlang:fun_info(F, arity))}.

clean_frame({M, F, A, L}) when is_list(A) ->
    {M, F, [clean_arg(X) || X <- A], L};
clean_frame(Fr) -> Fr.

clean_arg(F) when is_function(F) -> fun_arity(F);
clean_arg(X) -> X.

fc(1, _) -> one;
fc(2, x) -> two.

getx(#pt{x = X}) -> X.

main() ->
    show(badmatch, fun() -> {ok, _} = id({error, 1}) end),
    show(case_clause, fun() -> case id({a, b}) of {b, _} -> 1 end end),
    show(if_clause, fun() -> X = id(3), if X > 5 -> big end end),
    show(try_clause, fun() -> try id(7) of 8 -> eight catch _ -> c end end),
    show(function_clause, fun() -> fc(id(2), id(y)) end),
    show(function_clause_lists, fun() -> lists:map(id(notfun), [1]) end),
    show(badarity, fun() -> (id(fun(A) -> A end))(1, 2) end),
    show(badarity0, fun() -> (id(fun() -> ok end))(x) end),
    show(badfun_atom, fun() -> (id(notafun))(1) end),
    show(badfun_tuple, fun() -> (id({m, f}))() end),
    show(badfun_int, fun() -> (id(42))(a, b) end),
    show(badrecord, fun() -> getx(id(#other{a = 1})) end),
    show(badrecord_upd, fun() -> R = id(#other{}), R#pt{x = 1} end),
    show(badrecord_field, fun() -> R = id({pt, 1}), R#pt.y end),
    show(undef, fun() -> no_such_module_xyz:f(id(1)) end),
    show(undef_local, fun() -> ?MODULE:nope(id(1), 2) end),
    show(badarg_elem, fun() -> element(id(0), {a}) end),
    show(badarith, fun() -> id(1) / id(0) end),
    show(badkey, fun() -> M = id(#{a => 1}), M#{b := 2} end),
    show(badmap, fun() -> M = id(notmap), M#{a => 1} end),
    show(system_limit, fun() -> list_to_atom(lists:duplicate(id(300), $a)) end),
    show(nocatch_in_try, fun() -> throw(id({tuple, [1]})) end),
    ok.
