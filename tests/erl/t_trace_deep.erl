%% Ten nested non-tail calls: traces stop at 8 frames (backtrace_depth),
%% counting the BIF frame when there is one; a recursion that calls itself
%% from the same place shows that call site once (BEAM skips a
%% continuation repeated right above itself); tail recursion leaves no
%% frames at all.
-module(t_trace_deep).
-export([main/0, id/1]).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> erlang:display({Name, returned, V})
    catch
        C:R:St ->
            erlang:display({Name, C, R, length(St)}),
            lists:foreach(fun(Fr) -> erlang:display(Fr) end, St)
    end.

f1(X) -> {f1, f2(X)}.
f2(X) -> {f2, f3(X)}.
f3(X) -> {f3, f4(X)}.
f4(X) -> {f4, f5(X)}.
f5(X) -> {f5, f6(X)}.
f6(X) -> {f6, f7(X)}.
f7(X) -> {f7, f8(X)}.
f8(X) -> {f8, f9(X)}.
f9(X) -> {f9, f10(X)}.
f10(badmatch) -> ok = id(nok);
f10(badarg) -> element(9, id({}));
f10(undef) -> {no_such_module_q:f()};
f10(clause) -> {clause(id(z))};
f10(throw) -> throw(deep);
f10(error2) -> erlang:error(deep, [x, y]).

clause(a) -> a.

rec(0) -> 1 = id(0);
rec(N) -> 1 + rec(N - 1).

rec2(0, Acc) -> element(0, Acc);
rec2(N, Acc) -> [N | rec2(N - 1, Acc)].

tailrec(0) -> {} = id(done);
tailrec(N) -> tailrec(N - 1).

mutual_a(0) -> hd(id([]));
mutual_a(N) -> {mutual_b(N - 1)}.
mutual_b(N) -> [mutual_a(N)].

main() ->
    show(badmatch, fun() -> f1(badmatch) end),
    show(badarg, fun() -> f1(badarg) end),
    show(undef, fun() -> f1(undef) end),
    show(clause, fun() -> f1(clause) end),
    show(throw, fun() -> f1(throw) end),
    show(error2, fun() -> f1(error2) end),
    show(shallow, fun() -> f8(badmatch) end),
    show(rec, fun() -> rec(20) end),
    show(rec2, fun() -> rec2(15, {}) end),
    show(tailrec, fun() -> tailrec(100) end),
    show(mutual, fun() -> mutual_a(12) end),
    ok.
