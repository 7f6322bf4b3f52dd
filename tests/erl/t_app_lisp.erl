%% A small Lisp: reader (tokens -> nested lists), evaluator with
%% environments as maps chained in tuples, lambdas/closures, define,
%% let, if, cond, quote, tail-recursive loops with bignums, and an
%% error channel through throw.
-module(t_app_lisp).
-export([main/0]).

main() ->
    Prog = [
        "(define square (lambda (x) (* x x)))",
        "(square 12)",
        "(define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))",
        "(fact 30)",
        "(define fib-iter (lambda (n a b) (if (= n 0) a (fib-iter (- n 1) b (+ a b)))))",
        "(fib-iter 200 0 1)",
        "(define make-counter (lambda (start) (lambda (step) (+ start step))))",
        "((make-counter 100) 5)",
        "(define map (lambda (f xs) (if (null? xs) (quote ()) (cons (f (car xs)) (map f (cdr xs))))))",
        "(map square (list 1 2 3 4 5))",
        "(define filter (lambda (p xs) (cond ((null? xs) (quote ())) ((p (car xs)) (cons (car xs) (filter p (cdr xs)))) (else (filter p (cdr xs))))))",
        "(filter (lambda (x) (= 0 (mod x 3))) (list 1 2 3 4 5 6 7 8 9))",
        "(define foldl (lambda (f acc xs) (if (null? xs) acc (foldl f (f acc (car xs)) (cdr xs)))))",
        "(foldl + 0 (list 1 2 3 4 5 6 7 8 9 10))",
        "(let ((a 3) (b 4)) (sqrt (+ (* a a) (* b b))))",
        "(quote (a b (c d) \"str\" 1.5))",
        "(define loop (lambda (i acc) (if (= i 0) acc (loop (- i 1) (+ acc i)))))",
        "(loop 100000 0)",
        "(/ 1 3)",
        "(/ 10 0)",
        "(undefined-fn 1)",
        "(car (quote ()))",
        "(square 1 2)",
        "(length (list \"a\" \"b\" (list 1 2)))",
        "(apply + (list 1 2 3))",
        "(begin (define x 10) (define y 20) (* x y))",
        "(string-append \"foo\" \"-\" \"bar\")",
        "(display (list 1 (list 2 3) \"s\" #t #f))",
        "(define compose (lambda (f g) (lambda (x) (f (g x)))))",
        "((compose square (lambda (x) (+ x 1))) 9)"
    ],
    lists:foldl(fun(Src, Env) ->
                        {Res, Env1} = try
                                          {V, E} = eval(read(Src), Env),
                                          {show(V), E}
                                      catch
                                          throw:{lisp_error, Msg} -> {"ERROR: " ++ Msg, Env}
                                      end,
                        io:format("~s~n  => ~s~n", [Src, Res]),
                        Env1
                end, global_env(), Prog),
    ok.

%% ---------------------------------------------------------------- reader
read(Src) ->
    {Expr, []} = parse(tokenize(Src)),
    Expr.

tokenize(S) -> tokens(S, []).
tokens([], Acc) -> lists:reverse(Acc);
tokens([$( | R], Acc) -> tokens(R, [open | Acc]);
tokens([$) | R], Acc) -> tokens(R, [close | Acc]);
tokens([C | R], Acc) when C =:= $\s; C =:= $\n -> tokens(R, Acc);
tokens([$" | R], Acc) ->
    {Str, [$" | R1]} = lists:splitwith(fun(C) -> C =/= $" end, R),
    tokens(R1, [{str, Str} | Acc]);
tokens(S, Acc) ->
    {Atom, R} = lists:splitwith(fun(C) -> not lists:member(C, " \n()") end, S),
    tokens(R, [atom(Atom) | Acc]).

atom("#t") -> true;
atom("#f") -> false;
atom(A) ->
    case string:to_integer(A) of
        {I, []} -> I;
        _ -> case string:to_float(A) of
                 {F, []} -> F;
                 _ -> {sym, list_to_atom(A)}
             end
    end.

parse([open | R]) -> parse_list(R, []);
parse([{str, S} | R]) -> {{str, S}, R};
parse([T | R]) -> {T, R}.

parse_list([close | R], Acc) -> {lists:reverse(Acc), R};
parse_list(Toks, Acc) ->
    {E, R} = parse(Toks),
    parse_list(R, [E | Acc]).

%% ---------------------------------------------------------------- evaluator
global_env() ->
    Prims = #{'+' => fun(A) -> lists:sum(A) end,
              '-' => fun([X]) -> -X; ([X | Xs]) -> X - lists:sum(Xs) end,
              '*' => fun(A) -> lists:foldl(fun erlang:'*'/2, 1, A) end,
              '/' => fun([_, 0]) -> err("division by zero");
                        ([X, Y]) when X rem Y =:= 0 -> X div Y;
                        ([X, Y]) -> X / Y end,
              'mod' => fun([X, Y]) -> X rem Y end,
              '<' => fun([X, Y]) -> X < Y end,
              '=' => fun([X, Y]) -> X == Y end,
              'sqrt' => fun([X]) -> math:sqrt(X) end,
              'car' => fun([[H | _]]) -> H; (_) -> err("car of empty list") end,
              'cdr' => fun([[_ | T]]) -> T end,
              'cons' => fun([H, T]) -> [H | T] end,
              'list' => fun(A) -> A end,
              'null?' => fun([L]) -> L =:= [] end,
              'length' => fun([L]) -> length(L) end,
              'apply' => fun([F, Args]) -> call(F, Args) end,
              'string-append' => fun(Ss) -> {str, lists:append([S || {str, S} <- Ss])} end,
              'display' => fun([X]) -> io:format("[display] ~s~n", [show(X)]), ok end},
    {maps:map(fun(_, F) -> {prim, F} end, Prims), none}.

err(Msg) -> throw({lisp_error, Msg}).

lookup(S, {Frame, Parent}) ->
    case Frame of
        #{S := V} -> V;
        _ when Parent =:= none -> err("unbound symbol " ++ atom_to_list(S));
        _ -> lookup(S, Parent)
    end.

%% define mutates the innermost frame; returns the new env
define(S, V, {Frame, Parent}) -> {Frame#{S => V}, Parent}.

eval({sym, S}, Env) -> {lookup(S, Env), Env};
eval({str, _} = S, Env) -> {S, Env};
eval(X, Env) when is_number(X); is_boolean(X) -> {X, Env};
eval([{sym, quote}, X], Env) -> {unstr(X), Env};
eval([{sym, 'if'}, C, T, E], Env) ->
    case eval(C, Env) of
        {false, _} -> eval(E, Env);
        _ -> eval(T, Env)
    end;
eval([{sym, 'cond'} | Clauses], Env) -> eval_cond(Clauses, Env);
eval([{sym, define}, {sym, S}, X], Env) ->
    {V, _} = eval(X, Env),
    V1 = case V of {closure, P, B, CEnv, anon} -> {closure, P, B, CEnv, S}; _ -> V end,
    {ok, define(S, V1, Env)};
eval([{sym, lambda}, Params, Body], Env) -> {{closure, [P || {sym, P} <- Params], Body, Env, anon}, Env};
eval([{sym, 'let'}, Binds, Body], Env) ->
    Frame = maps:from_list([{S, element(1, eval(X, Env))} || [{sym, S}, X] <- Binds]),
    {V, _} = eval(Body, {Frame, Env}),
    {V, Env};
eval([{sym, 'begin'} | Exprs], Env) ->
    lists:foldl(fun(E, {_, En}) -> eval(E, En) end, {ok, Env}, Exprs);
eval([F | Args], Env) ->
    {Fun, _} = eval(F, Env),
    Vals = [element(1, eval(A, Env)) || A <- Args],
    {call(Fun, Vals), Env};
eval([], Env) -> {[], Env}.

eval_cond([], _) -> {false, none};
eval_cond([[{sym, else}, E] | _], Env) -> eval(E, Env);
eval_cond([[C, E] | Rest], Env) ->
    case eval(C, Env) of
        {false, _} -> eval_cond(Rest, Env);
        _ -> eval(E, Env)
    end.

call({prim, F}, Args) ->
    try F(Args)
    catch error:function_clause -> err("bad arguments to primitive")
    end;
call({closure, Params, Body, CEnv, Name} = Self, Args) ->
    length(Params) =:= length(Args) orelse
        err(io_lib:format("arity mismatch: expected ~b, got ~b", [length(Params), length(Args)])),
    Frame0 = maps:from_list(lists:zip(Params, Args)),
    Frame = case Name of anon -> Frame0; _ -> Frame0#{Name => Self} end,
    {V, _} = eval(Body, {Frame, CEnv}),
    V;
call(Other, _) -> err("not a function: " ++ show(Other)).

unstr({str, S}) -> {str, S};
unstr(L) when is_list(L) -> [unstr(X) || X <- L];
unstr(X) -> X.

show(true) -> "#t";
show(false) -> "#f";
show(ok) -> "ok";
show({str, S}) -> "\"" ++ S ++ "\"";
show({sym, S}) -> atom_to_list(S);
show({prim, _}) -> "#<primitive>";
show({closure, P, _, _, N}) -> io_lib:format("#<lambda ~p/~b>", [N, length(P)]);
show(I) when is_integer(I) -> integer_to_list(I);
show(F) when is_float(F) -> float_to_list(F, [short]);
show(L) when is_list(L) -> "(" ++ lists:join(" ", [show(X) || X <- L]) ++ ")".
