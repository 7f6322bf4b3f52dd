%% Tokenizer + recursive-descent (precedence climbing) parser + evaluator
%% for an arithmetic language with variables, let-bindings, functions and
%% error reporting.
-module(t_app_calc).
-export([main/0]).

main() ->
    Env0 = #{"pi" => math:pi(), "e" => math:exp(1)},
    Progs = [
        "1 + 2 * 3",
        "(1 + 2) * 3",
        "2 ^ 3 ^ 2",
        "-2 ^ 2",
        "10 / 4",
        "10 // 4 + 10 % 4",
        "x = 7",
        "y = x * x - 1",
        "sqrt(y + 1) + max(1, 2, 3)",
        "let a = 3 in let b = a * 2 in a + b",
        "sin(pi / 2) + cos(0)",
        "fact(20)",
        "fact(25) // fact(23)",
        "fib(30)",
        "1 / 0",
        "2 +",
        "undefined_var + 1",
        "foo(1)",
        "3 $ 4",
        "((1 + 2)",
        "1.5e3 + .5",
        "min(4, -x, 9) * abs(-3)",
        "if(x > 5, 100, 200) + if(x < 5, 1, 2)",
        "123456789 * 987654321 * 1000000007"
    ],
    {_, Log} = lists:foldl(fun(Src, {Env, Acc}) ->
                                   {Env1, Line} = run(Src, Env),
                                   io:format("~-40s => ~s~n", [Src, Line]),
                                   {Env1, [Line | Acc]}
                           end, {Env0, []}, Progs),
    Errors = length([L || L <- Log, lists:prefix("error", L)]),
    io:format("~b lines, ~b errors~n", [length(Log), Errors]),
    io:format("tokens: ~p~n", [tokens("let z = 2.5*(x+1) in z^2 >= 10")]),
    io:format("ast: ~p~n", [parse(tokens("a + b * -c ^ 2 - f(1, 2)"))]),
    ok.

run(Src, Env) ->
    try
        Toks = tokens(Src),
        Ast = parse(Toks),
        case Ast of
            {assign, Name, E} ->
                V = eval(E, Env),
                {Env#{Name => V}, fmt(V)};
            _ -> {Env, fmt(eval(Ast, Env))}
        end
    catch
        throw:{Kind, Detail} -> {Env, lists:flatten(io_lib:format("error: ~p ~p", [Kind, Detail]))};
        error:badarith -> {Env, "error: arithmetic"}
    end.

fmt(V) when is_integer(V) -> integer_to_list(V);
fmt(V) when is_float(V) -> io_lib:format("~.6g", [V]);
fmt(true) -> "true";
fmt(false) -> "false".

%% ---------------------------------------------------------------- lexer
tokens([]) -> [eof];
tokens([C | R]) when C =:= $\s; C =:= $\t -> tokens(R);
tokens([C | _] = S) when C >= $0, C =< $9; C =:= $. -> number(S);
tokens([C | _] = S) when C >= $a, C =< $z; C >= $A, C =< $Z; C =:= $_ ->
    {Id, R} = lists:splitwith(fun(X) -> X >= $a andalso X =< $z orelse X >= $A andalso X =< $Z
                                            orelse X =:= $_ orelse X >= $0 andalso X =< $9 end, S),
    Tok = case Id of "let" -> 'let'; "in" -> in; _ -> {id, Id} end,
    [Tok | tokens(R)];
tokens("//" ++ R) -> ['//' | tokens(R)];
tokens(">=" ++ R) -> ['>=' | tokens(R)];
tokens("<=" ++ R) -> ['<=' | tokens(R)];
tokens("==" ++ R) -> ['==' | tokens(R)];
tokens([C | R]) ->
    case lists:member(C, "+-*/%^()=,<>") of
        true -> [list_to_atom([C]) | tokens(R)];
        false -> throw({bad_char, [C]})
    end.

number(S) ->
    {Num, R} = lists:splitwith(fun(X) -> X >= $0 andalso X =< $9 orelse X =:= $. orelse X =:= $e end, S),
    Num1 = case Num of [$. | _] -> [$0 | Num]; _ -> Num end,
    V = case {lists:member($., Num1), lists:member($e, Num1)} of
            {false, false} -> list_to_integer(Num1);
            {true, _} -> list_to_float(Num1);
            {false, true} ->
                [M, E] = string:split(Num1, "e"),
                list_to_float(M ++ ".0e" ++ E)
        end,
    [{num, V} | tokens(R)].

%% ---------------------------------------------------------------- parser
parse([{id, N}, '=' | R]) ->
    {E, [eof]} = expr(R, 0),
    {assign, N, E};
parse(Toks) ->
    case expr(Toks, 0) of
        {E, [eof]} -> E;
        {_, [T | _]} -> throw({unexpected, T})
    end.

prec('==') -> {1, left}; prec('<') -> {1, left}; prec('>') -> {1, left};
prec('>=') -> {1, left}; prec('<=') -> {1, left};
prec('+') -> {2, left}; prec('-') -> {2, left};
prec('*') -> {3, left}; prec('/') -> {3, left}; prec('//') -> {3, left}; prec('%') -> {3, left};
prec('^') -> {5, right};
prec(_) -> none.

expr(Toks, MinP) ->
    {Lhs, R} = unary(Toks),
    climb(Lhs, R, MinP).

climb(Lhs, [Op | R] = Toks, MinP) ->
    case prec(Op) of
        {P, Assoc} when P >= MinP ->
            Next = case Assoc of left -> P + 1; right -> P end,
            {Rhs, R1} = expr(R, Next),
            climb({Op, Lhs, Rhs}, R1, MinP);
        _ -> {Lhs, Toks}
    end.

unary(['-' | R]) ->
    {E, R1} = expr(R, 4),
    {{neg, E}, R1};
unary(['let', {id, N}, '=' | R]) ->
    {V, [in | R1]} = expr(R, 0),
    {B, R2} = expr(R1, 0),
    {{'let', N, V, B}, R2};
unary(R) -> primary(R).

primary([{num, V} | R]) -> {{num, V}, R};
primary([{id, F}, '(' | R]) ->
    {Args, R1} = args(R, []),
    {{call, F, Args}, R1};
primary([{id, N} | R]) -> {{var, N}, R};
primary(['(' | R]) ->
    case expr(R, 0) of
        {E, [')' | R1]} -> {E, R1};
        {_, [T | _]} -> throw({expected_rparen, T})
    end;
primary([T | _]) -> throw({unexpected, T}).

args([')' | R], Acc) -> {lists:reverse(Acc), R};
args(Toks, Acc) ->
    case expr(Toks, 0) of
        {E, [',' | R]} -> args(R, [E | Acc]);
        {E, [')' | R]} -> {lists:reverse([E | Acc]), R};
        {_, [T | _]} -> throw({bad_args, T})
    end.

%% ---------------------------------------------------------------- evaluator
eval({num, V}, _) -> V;
eval({var, N}, Env) ->
    case maps:find(N, Env) of
        {ok, V} -> V;
        error -> throw({unbound, N})
    end;
eval({neg, E}, Env) -> -eval(E, Env);
eval({'let', N, V, B}, Env) -> eval(B, Env#{N => eval(V, Env)});
eval({call, "if", [C, T, E]}, Env) ->
    case eval(C, Env) of true -> eval(T, Env); false -> eval(E, Env) end;
eval({call, F, Args}, Env) -> call(F, [eval(A, Env) || A <- Args]);
eval({Op, A, B}, Env) -> binop(Op, eval(A, Env), eval(B, Env)).

binop('+', A, B) -> A + B;
binop('-', A, B) -> A - B;
binop('*', A, B) -> A * B;
binop('/', A, B) -> A / B;
binop('//', A, B) -> A div B;
binop('%', A, B) -> A rem B;
binop('^', A, B) when is_integer(A), is_integer(B), B >= 0 -> ipow(A, B);
binop('^', A, B) -> math:pow(A, B);
binop('<', A, B) -> A < B;
binop('>', A, B) -> A > B;
binop('<=', A, B) -> A =< B;
binop('>=', A, B) -> A >= B;
binop('==', A, B) -> A == B.

ipow(_, 0) -> 1;
ipow(A, N) when N rem 2 =:= 0 -> X = ipow(A, N div 2), X * X;
ipow(A, N) -> A * ipow(A, N - 1).

call("sqrt", [X]) -> math:sqrt(X);
call("sin", [X]) -> math:sin(X);
call("cos", [X]) -> math:cos(X);
call("abs", [X]) -> abs(X);
call("max", L = [_ | _]) -> lists:max(L);
call("min", L = [_ | _]) -> lists:min(L);
call("fact", [N]) -> lists:foldl(fun erlang:'*'/2, 1, lists:seq(1, N));
call("fib", [N]) -> fib(N, 0, 1);
call(F, Args) -> throw({undefined_function, {F, length(Args)}}).

fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).
