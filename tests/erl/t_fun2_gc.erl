%% Closures that survive garbage collections: a large list of closures
%% over heap terms, closures stored in a process dictionary, sent in
%% messages and rebuilt in a loop that allocates heavily.
-module(t_fun2_gc).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

mk(I) ->
    L = lists:seq(1, I rem 50),
    T = {I, L, integer_to_list(I), float(I)},
    fun(X) -> {X + I, length(L), element(3, T)} end.

churn(0, Acc) -> Acc;
churn(N, Acc) ->
    _ = [lists:seq(1, 100) || _ <- lists:seq(1, 5)],
    churn(N - 1, [mk(N) | Acc]).

main() ->
    Fs = churn(2000, []),
    p(length(Fs)),
    p([F(1) || F <- lists:sublist(Fs, 5)]),
    p(lists:foldl(fun(F, A) -> {S, L, _} = F(0), A + S + L end, 0, Fs)),
    put(funs, lists:sublist(Fs, 100)),
    _ = churn(500, []),
    p([element(3, F(0)) || F <- lists:sublist(get(funs), 95, 6)]),
    Self = self(),
    Pid = spawn(fun() -> receive {run, F, From} -> From ! {result, F(10)} end end),
    Pid ! {run, lists:nth(42, Fs), Self},
    receive {result, R} -> p(R) end,
    %% nested closures built over big binaries
    Bin = binary:copy(<<"x">>, 100000),
    G = fun(N) -> fun() -> binary:part(Bin, N, 3) end end,
    Gs = [G(N) || N <- lists:seq(0, 1000, 100)],
    _ = churn(200, []),
    p([H() || H <- Gs]),
    %% a fun that accumulates closures recursively
    Chain = lists:foldl(fun(I, Acc) -> fun() -> [I | Acc()] end end, fun() -> [] end, lists:seq(1, 300)),
    _ = churn(100, []),
    p(lists:sum(Chain())),
    ok.
