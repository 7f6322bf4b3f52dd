%% Whole stack traces of caught exceptions printed with ~p (file and line
%% in each frame), through local, remote, fun and lists:foreach frames.
-module(t_exc2_traces_p).
-export([main/0, id/1, remote/1]).

id(X) -> X.

level1(X) -> {l1, level2(X)}.
level2(X) -> [level3(X)].
level3(X) -> X + 1.

remote(X) -> {r, ?MODULE:id(level1(X))}.

via_fun(X) ->
    F = fun(Y) -> {f, level1(Y)} end,
    {via, F(X)}.

via_lists(L) ->
    lists:foreach(fun(E) -> level3(E) end, L),
    done.

print(Name, F) ->
    try F() of
        V -> io:format("~p value ~p~n", [Name, V])
    catch
        C:R:St ->
            io:format("~p ~p ~p~n", [Name, C, R]),
            %% drop frames belonging to this function and below
            Mine = lists:takewhile(fun({M, Fn, _, _}) ->
                                           not (M =:= ?MODULE andalso Fn =:= print)
                                   end, St),
            io:format("~p~n", [[strip_fun_names(Fr) || Fr <- Mine]])
    end.

%% local fun names are like '-via_fun/1-fun-0-': keep them (stable)
strip_fun_names(Fr) -> Fr.

main() ->
    print(local, fun() -> level1(id(a)) end),
    print(remote, fun() -> remote(id(b)) end),
    print(via_fun, fun() -> via_fun(id(c)) end),
    print(via_lists, fun() -> via_lists([1, 2, id(d)]) end),
    print(ok, fun() -> level1(id(1)) end),
    print(throw, fun() -> [throw(id(x))] end),
    print(exit, fun() -> {exit(id(y))} end),
    ok.
