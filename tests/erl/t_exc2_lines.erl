%% Line numbers in stack traces for failures inside list and binary
%% comprehensions, multi-line expressions, receive, after blocks, map
%% updates, nested funs, guards-free case arms and operators.
-module(t_exc2_lines).
-export([main/0, id/1]).

id(X) -> X.

show(Name, F) ->
    try F() of
        V -> io:format("~p: value ~p~n", [Name, V])
    catch
        C:R:St ->
            Mine = [{Fn, A, proplists:get_value(line, L)}
                    || {M, Fn, A0, L} <- St, M =:= ?MODULE, Fn =/= show,
                       A <- [if is_list(A0) -> length(A0); true -> A0 end]],
            io:format("~p: ~p:~p ~p~n", [Name, C, R, Mine])
    end.

lc(L) ->
    [10 div X
     || X <- L].

bc(B) ->
    << <<(X + 1):8>>
       || <<X:8>> <= B, X =/= 0, id(X) > 0 >>.

multi(A, B) ->
    X = A +
        B,
    Y = X *
        2,
    {X, Y}.

recv() ->
    self() ! {msg, id(a)},
    receive
        {msg, M} ->
            M + 1
    end.

in_after() ->
    try
        ok
    after
        id(a) + 1
    end.

upd(M) ->
    M#{key := 1}.

nested() ->
    F = fun(X) ->
                G = fun(Y) ->
                            Y / id(0)
                    end,
                G(X)
        end,
    F(1).

arms(X) ->
    case X of
        1 -> ok;
        2 ->
            element(3, {id(a)});
        _ -> other
    end.

main() ->
    show(lc, fun() -> lc([1, 2, 0]) end),
    show(bc, fun() -> bc(<<1, 255, 2>>) end),
    show(multi, fun() -> multi(1, id(x)) end),
    show(recv, fun() -> recv() end),
    show(in_after, fun() -> in_after() end),
    show(upd, fun() -> upd(id(#{})) end),
    show(nested, fun() -> nested() end),
    show(arms, fun() -> arms(id(2)) end),
    show(guard_bif, fun() -> length(id(improper)) end),
    show(hd_empty, fun() -> hd(id([])) end),
    show(list_op, fun() -> id([1]) ++ id(x) ++ [] end),
    show(sub_op, fun() -> id([1]) -- id(x) end),
    show(tuple_size, fun() -> tuple_size(id([])) end),
    show(atom_len, fun() -> atom_to_list(id(1)) end),
    ok.
