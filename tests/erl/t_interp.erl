%% A tiny interpreter for an expression language with let-bindings,
%% closures and recursion, written with tagged tuples.
-module(t_interp).
-export([main/0]).

main() ->
    Progs = [
        {add, {num, 1}, {num, 2}},
        {'let', x, {num, 5}, {mul, {var, x}, {var, x}}},
        {app, {lam, y, {add, {var, y}, {num, 10}}}, {num, 32}},
        {'if', {lt, {num, 3}, {num, 2}}, {num, 1}, {num, 0}},
        %% factorial 25 by a recursive let (letrec)
        {letrec, fact, n,
         {'if', {lt, {var, n}, {num, 1}}, {num, 1},
          {mul, {var, n}, {app, {var, fact}, {sub, {var, n}, {num, 1}}}}},
         {app, {var, fact}, {num, 25}}},
        %% fibonacci 20
        {letrec, fib, n,
         {'if', {lt, {var, n}, {num, 2}}, {var, n},
          {add, {app, {var, fib}, {sub, {var, n}, {num, 1}}},
                {app, {var, fib}, {sub, {var, n}, {num, 2}}}}},
         {app, {var, fib}, {num, 20}}},
        {var, unbound},
        {app, {num, 3}, {num, 4}},
        {pair, {num, 1}, {pair, {num, 2}, {num, 3}}},
        {fst, {snd, {pair, {num, 1}, {pair, {num, 2}, {num, 3}}}}}
    ],
    [erlang:display(run(P)) || P <- Progs],
    erlang:display(count_nodes(lists:last(Progs))),
    ok.

run(P) ->
    try eval(P, []) of
        {closure, _, _, _} -> closure;
        V -> {ok, V}
    catch
        throw:{eval_error, E} -> {error, E}
    end.

eval({num, N}, _) -> N;
eval({var, X}, Env) ->
    case lists:keyfind(X, 1, Env) of
        {X, {rec, Name, Arg, Body, CEnv}} ->
            {closure, Arg, Body, [{Name, {rec, Name, Arg, Body, CEnv}} | CEnv]};
        {X, V} -> V;
        false -> throw({eval_error, {unbound, X}})
    end;
eval({add, A, B}, Env) -> arith(fun erlang:'+'/2, A, B, Env);
eval({sub, A, B}, Env) -> arith(fun erlang:'-'/2, A, B, Env);
eval({mul, A, B}, Env) -> arith(fun erlang:'*'/2, A, B, Env);
eval({lt, A, B}, Env) -> eval(A, Env) < eval(B, Env);
eval({'if', C, T, E}, Env) ->
    case eval(C, Env) of
        true -> eval(T, Env);
        false -> eval(E, Env)
    end;
eval({'let', X, E, Body}, Env) -> eval(Body, [{X, eval(E, Env)} | Env]);
eval({lam, X, Body}, Env) -> {closure, X, Body, Env};
eval({letrec, F, X, FBody, Body}, Env) ->
    eval(Body, [{F, {rec, F, X, FBody, Env}} | Env]);
eval({app, F, A}, Env) ->
    case eval(F, Env) of
        {closure, X, Body, CEnv} -> eval(Body, [{X, eval(A, Env)} | CEnv]);
        Other -> throw({eval_error, {not_a_function, Other}})
    end;
eval({pair, A, B}, Env) -> {eval(A, Env), eval(B, Env)};
eval({fst, P}, Env) -> element(1, eval(P, Env));
eval({snd, P}, Env) -> element(2, eval(P, Env)).

arith(Op, A, B, Env) -> Op(eval(A, Env), eval(B, Env)).

count_nodes(T) when is_tuple(T) ->
    1 + lists:sum([count_nodes(element(I, T)) || I <- lists:seq(2, tuple_size(T))]);
count_nodes(_) -> 0.
