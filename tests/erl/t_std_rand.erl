%% rand with explicit seeds for several algorithms: uniform/0,1,
%% uniform_real, normal, bytes, export/import of state, jump; the
%% sequences are deterministic for a fixed seed.
-module(t_std_rand).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

seq(_, 0, Acc) -> lists:reverse(Acc);
seq(F, N, Acc) -> seq(F, N - 1, [F() | Acc]).

main() ->
    [begin
         rand:seed(Alg, {1, 2, 3}),
         p({Alg, seq(fun() -> rand:uniform(1000) end, 8, [])}),
         p(seq(fun() -> rand:uniform() end, 3, [])),
         p(rand:uniform(1 bsl 80))
     end || Alg <- [exsss, exro928ss, exrop, exs1024s, exsp]],
    S0 = rand:seed_s(exsss, {42, 42, 42}),
    {A, S1} = rand:uniform_s(100, S0),
    {B, S2} = rand:uniform_real_s(S1),
    {C, S3} = rand:normal_s(S2),
    {D, S4} = rand:normal_s(10.0, 4.0, S3),
    p({A, B, C, D}),
    {Bytes, _} = rand:bytes_s(10, S4),
    p(Bytes),
    St = rand:export_seed_s(S1),
    p(St),
    S1b = rand:seed_s(St),
    p(element(1, rand:uniform_real_s(S1b)) =:= B),
    J = rand:jump(S0),
    p(element(1, rand:uniform_s(1000000, J))),
    rand:seed(exsss, {7, 8, 9}),
    L = [rand:uniform(6) || _ <- lists:seq(1, 600)],
    p([length([X || X <- L, X =:= K]) || K <- lists:seq(1, 6)]),
    p(lists:sum(L)),
    p(try rand:uniform(0) catch Cx:Rx:Sx -> {Cx, Rx, [{M, F} || {M, F, _, _} <- tl(Sx)]} end),
    %% shuffle with a seeded key sort
    rand:seed(exsss, {3, 2, 1}),
    p([V || {_, V} <- lists:sort([{rand:uniform(), X} || X <- lists:seq(1, 10)])]),
    ok.
