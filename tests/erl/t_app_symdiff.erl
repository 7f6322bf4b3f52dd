%% Symbolic algebra: expression trees as tuples, differentiation,
%% simplification to a fixpoint, pretty printing with precedence,
%% numeric evaluation with a map of bindings, and Newton's method.
-module(t_app_symdiff).
-export([main/0]).

main() ->
    Exprs = [
        {'+', {'*', 3, {'^', x, 2}}, {'*', 2, x}},
        {'*', {sin, x}, {cos, x}},
        {'/', 1, x},
        {exp, {'*', 2, x}},
        {ln, {'+', {'^', x, 2}, 1}},
        {'^', {'+', x, 1}, 5},
        {'-', {'*', x, {ln, x}}, x},
        {'*', {'*', x, y}, {'+', x, y}},
        {'/', {sin, x}, x}
    ],
    lists:foreach(fun(E) ->
                          D = simplify(d(E, x)),
                          D2 = simplify(d(D, x)),
                          io:format("f   = ~s~nf'  = ~s~nf'' = ~s~n", [pp(E), pp(D), pp(D2)]),
                          Env = #{x => 1.5, y => -0.5},
                          io:format("     f(1.5) = ~.6f, f'(1.5) = ~.6f, numeric f'(1.5) = ~.6f~n",
                                    [ev(E, Env), ev(D, Env), numdiff(E, Env)])
                  end, Exprs),
    io:format("simplify: ~s~n", [pp(simplify({'+', {'*', 0, x}, {'*', 1, {'+', y, 0}}}))]),
    io:format("simplify: ~s~n", [pp(simplify({'*', {'^', x, 2}, {'^', x, 3}}))]),
    io:format("simplify: ~s~n", [pp(simplify({'-', {'+', 2, 3}, {'*', 2, 2.5}}))]),
    F = {'-', {'^', x, 3}, {'+', {'*', 2, x}, 5}},
    {Root, Steps} = newton(F, 2.0, 0),
    io:format("newton root of ~s: ~.10f after ~b steps (f = ~.3e)~n", [pp(F), Root, Steps, ev(F, #{x => Root})]),
    Taylor = taylor({exp, x}, 8),
    io:format("taylor exp(x): ~s~n", [pp(Taylor)]),
    io:format("taylor at 1: ~.12f vs ~.12f~n", [ev(Taylor, #{x => 1.0}), math:exp(1)]),
    io:format("unbound: ~p~n", [catch ev({'+', x, z}, #{x => 1})]),
    io:format("d of unknown: ~p~n", [catch d({tan, x}, x)]),
    ok.

%% ---------------------------------------------------------------- derivative
d(N, _) when is_number(N) -> 0;
d(X, X) -> 1;
d(V, _) when is_atom(V) -> 0;
d({'+', A, B}, X) -> {'+', d(A, X), d(B, X)};
d({'-', A, B}, X) -> {'-', d(A, X), d(B, X)};
d({'*', A, B}, X) -> {'+', {'*', d(A, X), B}, {'*', A, d(B, X)}};
d({'/', A, B}, X) -> {'/', {'-', {'*', d(A, X), B}, {'*', A, d(B, X)}}, {'^', B, 2}};
d({'^', A, N}, X) when is_number(N) -> {'*', {'*', N, {'^', A, N - 1}}, d(A, X)};
d({sin, A}, X) -> {'*', {cos, A}, d(A, X)};
d({cos, A}, X) -> {'*', {'-', 0, {sin, A}}, d(A, X)};
d({exp, A}, X) -> {'*', {exp, A}, d(A, X)};
d({ln, A}, X) -> {'/', d(A, X), A};
d(E, _) -> throw({cannot_differentiate, E}).

%% ---------------------------------------------------------------- simplify
simplify(E) ->
    case s(E) of
        E -> E;
        E1 -> simplify(E1)
    end.

s({Op, A, B}) when Op =:= '+'; Op =:= '-'; Op =:= '*'; Op =:= '/'; Op =:= '^' -> rule({Op, s(A), s(B)});
s({F, A}) -> rule({F, s(A)});
s(E) -> E.

rule({'+', 0, B}) -> B;
rule({'+', A, 0}) -> A;
rule({'-', A, 0}) -> A;
rule({'-', A, A}) -> 0;
rule({'*', 0, _}) -> 0;
rule({'*', _, 0}) -> 0;
rule({'*', 1, B}) -> B;
rule({'*', A, 1}) -> A;
rule({'/', A, 1}) -> A;
rule({'/', 0, _}) -> 0;
rule({'^', _, 0}) -> 1;
rule({'^', A, 1}) -> A;
rule({Op, A, B}) when is_number(A), is_number(B), Op =/= '/' -> arith(Op, A, B);
rule({'+', A, A}) -> {'*', 2, A};
rule({'*', A, A}) -> {'^', A, 2};
rule({'*', {'^', A, M}, {'^', A, N}}) when is_number(M), is_number(N) -> {'^', A, M + N};
rule({'*', A, B}) when is_number(B), not is_number(A) -> {'*', B, A};
rule({'*', N, {'*', M, A}}) when is_number(N), is_number(M) -> {'*', N * M, A};
rule({'-', 0, {'-', 0, A}}) -> A;
rule({ln, {exp, A}}) -> A;
rule({exp, 0}) -> 1;
rule({sin, 0}) -> 0;
rule({cos, 0}) -> 1;
rule(E) -> E.

arith('+', A, B) -> A + B;
arith('-', A, B) -> A - B;
arith('*', A, B) -> A * B;
arith('^', A, B) when is_integer(A), is_integer(B), B >= 0 -> pow(A, B);
arith('^', A, B) -> math:pow(A, B).

pow(_, 0) -> 1;
pow(A, N) -> A * pow(A, N - 1).

%% ---------------------------------------------------------------- printing
prec('+') -> 1; prec('-') -> 1; prec('*') -> 2; prec('/') -> 2; prec('^') -> 3.

pp(E) -> lists:flatten(pp(E, 0)).
pp(N, _) when is_integer(N), N < 0 -> ["(", integer_to_list(N), ")"];
pp(N, _) when is_integer(N) -> integer_to_list(N);
pp(F, _) when is_float(F) -> float_to_list(F, [short]);
pp(V, _) when is_atom(V) -> atom_to_list(V);
pp({'-', 0, A}, _) -> ["-", pp(A, 3)];
pp({Op, A, B}, Ctx) ->
    P = prec(Op),
    Right = case Op of '^' -> P; '-' -> P + 1; '/' -> P + 1; _ -> P end,
    Left = case Op of '^' -> P + 1; _ -> P end,
    S = [pp(A, Left), " ", atom_to_list(Op), " ", pp(B, Right)],
    if P < Ctx -> ["(", S, ")"]; true -> S end;
pp({F, A}, _) -> [atom_to_list(F), "(", pp(A, 0), ")"].

%% ---------------------------------------------------------------- numeric
ev(N, _) when is_number(N) -> N;
ev(V, Env) when is_atom(V) ->
    case maps:find(V, Env) of
        {ok, X} -> X;
        error -> throw({unbound, V})
    end;
ev({'+', A, B}, E) -> ev(A, E) + ev(B, E);
ev({'-', A, B}, E) -> ev(A, E) - ev(B, E);
ev({'*', A, B}, E) -> ev(A, E) * ev(B, E);
ev({'/', A, B}, E) -> ev(A, E) / ev(B, E);
ev({'^', A, B}, E) -> math:pow(ev(A, E), ev(B, E));
ev({sin, A}, E) -> math:sin(ev(A, E));
ev({cos, A}, E) -> math:cos(ev(A, E));
ev({exp, A}, E) -> math:exp(ev(A, E));
ev({ln, A}, E) -> math:log(ev(A, E)).

numdiff(F, Env = #{x := X}) ->
    H = 1.0e-6,
    (ev(F, Env#{x := X + H}) - ev(F, Env#{x := X - H})) / (2 * H).

newton(_F, X, N) when N > 50 -> {X, N};
newton(F, X, N) ->
    D = simplify(d(F, x)),
    X1 = X - ev(F, #{x => X}) / ev(D, #{x => X}),
    case abs(X1 - X) < 1.0e-12 of
        true -> {X1, N + 1};
        false -> newton(F, X1, N + 1)
    end.

taylor(F, N) ->
    {Terms, _} = lists:foldl(fun(K, {Acc, Dk}) ->
                                     C = ev(Dk, #{x => 0}),
                                     Term = simplify({'*', C / fact(K), {'^', x, K}}),
                                     {[Term | Acc], simplify(d(Dk, x))}
                             end, {[], F}, lists:seq(0, N)),
    lists:foldl(fun(T, Acc) -> {'+', Acc, T} end, hd(lists:reverse(Terms)), tl(lists:reverse(Terms))).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).
