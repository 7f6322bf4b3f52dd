%% Every standard error reason, caught with try ... catch C:R:St and shown
%% together with the top stack frame (module, function, arity/args, line).
-module(t_exc_errors).
-export([main/0, id/1, one/1]).

id(X) -> X.
one(X) -> X.

frame([{M, F, A, Loc} | _]) ->
    Line = case lists:keyfind(line, 1, Loc) of
               {line, L} -> L;
               false -> noline
           end,
    {M, F, A, Line};
frame([]) -> empty.

run(Name, Fun) ->
    try Fun() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St -> erlang:display({Name, C, printable(R), frame(St)})
    end.

%% local funs print with a compiler-specific hash; replace them by arity
printable({badarity, {F, Args}}) when is_function(F, 1) -> {badarity, {fun1, Args}};
printable(R) -> R.

main() ->
    run(badmatch, fun() -> {a, _} = id({b, 1}) end),
    run(badmatch_int, fun() -> 1 = id(2) end),
    run(case_clause, fun() -> case id(7) of 1 -> a; 2 -> b end end),
    run(function_clause, fun() -> fc(id(x), 2) end),
    run(if_clause, fun() -> X = id(5), if X > 10 -> big; X < 0 -> neg end end),
    run(try_clause, fun() -> try id(3) of 1 -> one after ok end end),
    run(badarith_add, fun() -> id(1) + id(a) end),
    run(badarith_div, fun() -> id(10) div id(0) end),
    run(badarith_rem, fun() -> id(10) rem id(0) end),
    run(badarith_big, fun() -> (id(1) bsl 100) div id(0) end),
    run(badarith_band, fun() -> id(foo) band 3 end),
    run(badarith_neg, fun() -> - id(bar) end),
    run(badarg_element, fun() -> element(id(5), id({a})) end),
    run(badarg_hd, fun() -> hd(id([])) end),
    run(badarg_tl, fun() -> tl(id(atom)) end),
    run(badarg_length, fun() -> length(id([1 | 2])) end),
    run(badarg_setelement, fun() -> setelement(id(0), id({a}), b) end),
    run(badarg_atom_to_list, fun() -> atom_to_list(id(123)) end),
    run(badarg_list_to_integer, fun() -> list_to_integer(id("12x")) end),
    run(badarg_tuple_size, fun() -> tuple_size(id([])) end),
    run(undef_mod, fun() -> no_such_module_xyz:f(id(1)) end),
    run(undef_fun, fun() -> ?MODULE:no_such_fun(id(1), 2) end),
    run(badfun, fun() -> F = id(not_a_fun), F(1) end),
    run(badfun_tuple, fun() -> F = id({a, b}), F() end),
    run(badarity, fun() -> F = id(fun(X) -> X end), F(1, 2) end),
    run(badarity_ext, fun() -> F = id(fun ?MODULE:one/1), F() end),
    run(throw, fun() -> throw(id({my, ball})) end),
    run(exit, fun() -> exit(id(goodbye)) end),
    run(error, fun() -> erlang:error(id(custom)) end),
    run(error2, fun() -> erlang:error(id(custom2), [1, 2]) end),
    run(no_error, fun() -> id(fine) end),
    ok.

fc(a, _) -> a;
fc(b, 1) -> b.
