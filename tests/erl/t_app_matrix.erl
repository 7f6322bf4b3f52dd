%% Dense matrix library on lists of lists of floats: multiply, transpose,
%% Gaussian elimination with partial pivoting (determinant, inverse,
%% linear solve), power iteration, and formatted printing.
-module(t_app_matrix).
-export([main/0]).

main() ->
    A = [[4.0, -2.0, 1.0], [-2.0, 4.0, -2.0], [1.0, -2.0, 4.0]],
    B = [[1, 2], [3, 4], [5, 6]],
    show("A", A),
    show("B", B),
    show("A*B", mul(A, B)),
    show("B^T", transpose(B)),
    io:format("det(A) = ~.6f~n", [det(A)]),
    Inv = inverse(A),
    show("inv(A)", Inv),
    show("A*inv(A)", [[round6(X) || X <- R] || R <- mul(A, Inv)]),
    X = solve(A, [11.0, -16.0, 17.0]),
    io:format("solve A x = [11,-16,17]: ~s~n", [vec(X)]),
    io:format("check: ~s~n", [vec(mv(A, X))]),
    {Lambda, V} = power(A, [1.0, 1.0, 1.0], 200),
    io:format("dominant eigenvalue ~.6f, vector ~s~n", [Lambda, vec(V)]),
    H = hilbert(6),
    io:format("hilbert(6) det = ~.6e~n", [det(H)]),
    HI = inverse(H),
    io:format("hilbert(6) inverse corner = ~.3f, max |I - H*HI| = ~.3e~n",
              [lists:last(lists:last(HI)), maxdev(mul(H, HI))]),
    Sing = [[1.0, 2.0], [2.0, 4.0]],
    io:format("singular det ~p, inverse: ~p~n", [det(Sing), catch inverse(Sing)]),
    R = rot(math:pi() / 6),
    R12 = pow(R, 12),
    show("rot(30deg)^12", [[round6(Y) || Y <- Row] || Row <- R12]),
    I = [[1, 1], [1, 0]],
    io:format("fib via integer matrix power: ~p~n", [hd(tl(hd(pow(I, 90))))]),
    io:format("trace of A^5 = ~.4f, frobenius(A) = ~.6f~n",
              [trace(pow(A, 5)), math:sqrt(lists:sum([Y * Y || Row <- A, Y <- Row]))]),
    io:format("mismatch: ~p~n", [catch mul(B, B)]),
    ok.

round6(X) -> round(X * 1.0e6) / 1.0e6 + 0.0.

show(Name, M) ->
    io:format("~s (~bx~b):~n", [Name, length(M), length(hd(M))]),
    [io:format("  [~s]~n", [lists:join(" ", [cell(X) || X <- Row])]) || Row <- M],
    ok.

cell(X) when is_integer(X) -> io_lib:format("~6b", [X]);
cell(X) -> io_lib:format("~10.4f", [X]).

vec(V) -> ["[", lists:join(", ", [io_lib:format("~.4f", [X]) || X <- V]), "]"].

transpose([[] | _]) -> [];
transpose(M) -> [[hd(R) || R <- M] | transpose([tl(R) || R <- M])].

mul(A, B) ->
    case length(hd(A)) =:= length(B) of
        false -> error({dimension_mismatch, {length(A), length(hd(A))}, {length(B), length(hd(B))}});
        true ->
            BT = transpose(B),
            [[dot(Row, Col) || Col <- BT] || Row <- A]
    end.

dot(A, B) -> lists:foldl(fun({X, Y}, S) -> S + X * Y end, 0, lists:zip(A, B)).

mv(M, V) -> [dot(R, V) || R <- M].

identity(N) -> [[case I of J -> 1; _ -> 0 end || J <- lists:seq(1, N)] || I <- lists:seq(1, N)].

pow(M, 0) -> identity(length(M));
pow(M, 1) -> M;
pow(M, N) when N rem 2 =:= 0 -> S = pow(M, N div 2), mul(S, S);
pow(M, N) -> mul(M, pow(M, N - 1)).

trace(M) -> lists:sum([lists:nth(I, R) || {I, R} <- lists:zip(lists:seq(1, length(M)), M)]).

%% Gaussian elimination returning {Sign, UpperRows}; throws singular.
eliminate(M) -> elim(M, 1, []).

elim([], S, Done) -> {S, lists:reverse(Done)};
elim(Rows, S, Done) ->
    {Pivot, Rest, Swapped} = pick(Rows),
    [P | _] = Pivot,
    if abs(P) < 1.0e-12 -> throw(singular); true -> ok end,
    Reduced = [tl(sub(R, scale(Pivot, hd(R) / P))) || R <- Rest],
    elim(Reduced, if Swapped -> -S; true -> S end, [Pivot | Done]).

pick([First | _] = Rows) ->
    Best = lists:foldl(fun(R, B) -> case abs(hd(R)) > abs(hd(B)) of true -> R; false -> B end end, First, Rows),
    {Best, lists:delete(Best, Rows), Best =/= First}.

sub(A, B) -> [X - Y || {X, Y} <- lists:zip(A, B)].
scale(A, K) -> [X * K || X <- A].

det(M) ->
    try eliminate([[float(X) || X <- R] || R <- M]) of
        {S, U} -> S * lists:foldl(fun(R, P) -> P * hd(R) end, 1.0, U)
    catch throw:singular -> 0.0
    end.

solve(A, B) ->
    Aug = [R ++ [Y] || {R, Y} <- lists:zip(A, B)],
    {_, U} = eliminate(Aug),
    back(lists:reverse(U), []).

back([], Xs) -> Xs;
back([Row | Rest], Xs) ->
    [P | Coeffs] = Row,
    {Cs, [Y]} = lists:split(length(Coeffs) - 1, Coeffs),
    X = (Y - dot(Cs, Xs)) / P,
    back(Rest, [X | Xs]).

inverse(M) ->
    N = length(M),
    Cols = [solve(M, [float(X) || X <- E]) || E <- identity(N)],
    transpose(Cols).

power(M, V, 0) ->
    MV = mv(M, V),
    {dot(V, MV) / dot(V, V), V};
power(M, V, K) ->
    W = mv(M, V),
    Norm = math:sqrt(dot(W, W)),
    power(M, [X / Norm || X <- W], K - 1).

hilbert(N) -> [[1 / (I + J - 1) || J <- lists:seq(1, N)] || I <- lists:seq(1, N)].

maxdev(M) ->
    N = length(M),
    lists:max([abs(X - E) || {Row, IRow} <- lists:zip(M, identity(N)), {X, E} <- lists:zip(Row, IRow)]).

rot(T) -> [[math:cos(T), -math:sin(T)], [math:sin(T), math:cos(T)]].
