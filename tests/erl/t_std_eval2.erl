%% erl_eval on larger programs: a quicksort and a fold written as named
%% funs, string processing, binaries, try/after, receive with timeout,
%% maps, nested comprehensions and guards; the interpreter is OTP's own
%% code running on the VM.
-module(t_std_eval2).
-export([main/0]).

run(Src) ->
    {ok, Toks, _} = erl_scan:string(Src),
    {ok, Exprs} = erl_parse:parse_exprs(Toks),
    {value, V, _} = erl_eval:exprs(Exprs, erl_eval:new_bindings()),
    io:format("~p~n", [V]).

main() ->
    run("Q = fun Q([]) -> []; Q([P | T]) -> Q([X || X <- T, X < P]) ++ [P] ++ Q([X || X <- T, X >= P]) end,"
        "Q([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])."),
    run("F = fun F(0, A) -> A; F(N, A) -> F(N - 1, A + N) end, F(100000, 0)."),
    run("Words = string:lexemes(\"a bb ccc bb a\", \" \"),"
        "lists:foldl(fun(W, M) -> maps:update_with(W, fun(C) -> C + 1 end, 1, M) end, #{}, Words)."),
    run("B = <<\"hello world\">>, [C - 32 || <<C>> <= B, C =/= $\\s]."),
    run("<< <<(X * 3):16>> || X <- lists:seq(1, 4) >>."),
    run("put(k, 0), try throw(x) catch throw:x -> put(k, 1) after put(k, get(k) + 10) end, get(k)."),
    run("receive nothing -> never after 10 -> timed_out end."),
    run("Self = self(), spawn(fun() -> Self ! {hi, 42} end), receive {hi, N} -> N * 2 end."),
    run("M = #{a => 1, b => 2}, #{a := A} = M, maps:to_list(M#{c => A + 10})."),
    run("[{X, Y} || X <- [1, 2, 3], Y <- [a, b], X rem 2 =:= 1]."),
    run("G = fun(X) when is_integer(X), X > 0 -> pos; (X) when is_integer(X) -> nonpos; (_) -> other end,"
        "[G(1), G(-1), G(a)]."),
    run("case lists:keyfind(b, 1, [{a, 1}, {b, 2}]) of {b, V} when V > 1 -> {found, V}; _ -> none end."),
    run("R = try 1 / 0 catch error:badarith:St -> {caught, length(St) > 0} end, R."),
    run("lists:map(fun erlang:abs/1, [-1, 2, -3])."),
    run("Fib = fun Fib(0) -> 0; Fib(1) -> 1; Fib(N) -> Fib(N - 1) + Fib(N - 2) end, Fib(18)."),
    run("X = 1 bsl 100, {X, X div 7, integer_to_list(X, 36)}."),
    run("{1.5 * 2, 7 / 2, round(2.5), trunc(-2.7), float_to_list(0.1, [short])}."),
    run("lists:flatten(io_lib:format(\"~p|~5.2f|~-6s|\", [{a, \"b\"}, 3.14159, \"xy\"]))."),
    run("binary_to_term(term_to_binary({nested, [1, 2.0, <<\"x\">>, #{k => v}]}))."),
    run("begin A = 1, B = A + 1, C = B * 3, [A, B, C] end."),
    run("[X || {X, true} <- [{1, true}, {2, false}, {3, true}]]."),
    ok.
