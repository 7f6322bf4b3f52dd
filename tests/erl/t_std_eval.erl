%% erl_scan:string + erl_parse:parse_exprs/parse_term/parse_form +
%% erl_eval:exprs on small programs: bindings, funs, matching, errors,
%% local function handlers and erl_pp.
-module(t_std_eval).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

eval(Src) -> eval(Src, erl_eval:new_bindings()).
eval(Src, B) ->
    {ok, Toks, _} = erl_scan:string(Src),
    {ok, Exprs} = erl_parse:parse_exprs(Toks),
    try erl_eval:exprs(Exprs, B) of
        {value, V, B2} -> {V, [{K, nofun(X)} || {K, X} <- lists:sort(erl_eval:bindings(B2))]}
    catch C:R -> {C, strip(R)}
    end.

nofun(F) when is_function(F) -> {'fun', element(2, erlang:fun_info(F, arity))};
nofun(X) -> X.

strip({R, _}) when is_atom(R) -> R;
strip(R) -> R.

main() ->
    p(erl_scan:string("foo(X, 1.5) -> \"s\" ++ 'q a'.")),
    p(erl_scan:string("X = 16#ff + $a + 2#101.", {1, 1})),
    p(erl_scan:string("a \"unterminated")),
    p(eval("1 + 2 * 3.")),
    p(eval("X = 5, Y = X * X, {X, Y}.")),
    p(eval("[X * 2 || X <- [1,2,3], X > 1].")),
    p(eval("F = fun(A) -> A + 1 end, lists:map(F, [1, 2]).")),
    p(eval("Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end, Fact(20).")),
    p(eval("case {a, 1} of {a, N} when N > 0 -> pos; _ -> other end.")),
    p(eval("try throw(x) catch throw:V -> {caught, V} end.")),
    p(eval("<<A:8, B/binary>> = <<1, 2, 3>>, {A, B}.")),
    p(eval("M = #{a => 1}, M#{b => 2}.")),
    p(eval("#{a := V} = #{a => 42}, V.")),
    p(eval("X + 1.", erl_eval:add_binding('X', 41, erl_eval:new_bindings()))),
    p(eval("{A, A} = {1, 2}.")),
    p(eval("undefined_fun_xyz(1).")),
    p(eval("1 + a.")),
    p(eval("lists:seq(1, 5).")),
    p(eval("begin X = 1, X + 1 end.")),
    p(eval("if 1 > 2 -> a; true -> b end.")),
    p(eval("receive after 0 -> timeout end.")),
    p(eval("\"abc\" ++ [$d].")),
    {ok, T1, _} = erl_scan:string("{ok, [1, 2, {three}], \"str\", <<\"b\">>}."),
    p(erl_parse:parse_term(T1)),
    {ok, T2, _} = erl_scan:string("f(X) when X > 0 -> X * 2; f(_) -> 0."),
    {ok, Form} = erl_parse:parse_form(T2),
    p(Form),
    p(lists:flatten(erl_pp:form(Form))),
    {ok, T3, _} = erl_scan:string("X = {a, [1, 2]}, Y = X."),
    {ok, E3} = erl_parse:parse_exprs(T3),
    p(lists:flatten(erl_pp:exprs(E3))),
    {ok, T4, _} = erl_scan:string("1 + ."),
    p(erl_parse:parse_exprs(T4)),
    %% a local function handler
    {ok, T5, _} = erl_scan:string("double(21) + triple(1)."),
    {ok, E5} = erl_parse:parse_exprs(T5),
    H = {value, fun(double, [X]) -> 2 * X; (triple, [X]) -> 3 * X end},
    p(erl_eval:exprs(E5, [], H)),
    p(erl_parse:abstract({a, [1, "s"]})),
    p(erl_parse:normalise({tuple, 1, [{atom, 1, a}, {integer, 1, 7}]})),
    ok.
