%% badarith (and badarg for BIF functions) on every arithmetic operator
%% with wrong operand types, in bodies, guards and through apply/funs,
%% with the top stack frame and the arguments reported.
-module(t_num_badarith).
-export([main/0]).

id(X) -> X.

e(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            Top = case St of
                      [{M, Fn, A, _} | _] when is_list(A) -> {M, Fn, A};
                      [{M, Fn, A, _} | _] -> {M, Fn, A};
                      _ -> none
                  end,
            {C, R, Top}
    end.

g(X) when X + 1 > 0 -> pos;
g(X) when -X > 0 -> neg;
g(_) -> guard_failed.

main() ->
    Ops = ['+', '-', '*', '/', 'div', 'rem', 'band', 'bor', 'bxor', 'bsl', 'bsr'],
    Bad = [a, [], {1}, <<"1">>, "1", 1.0e300],
    Good = [1, 1 bsl 70],
    lists:foreach(
      fun(Op) ->
              Rs = [e(fun() -> erlang:Op(id(A), id(B)) end) || A <- Good ++ Bad, B <- Bad ++ Good, not (is_number(A) andalso is_number(B))],
              io:format("~p ~p~n", [Op, lists:usort([{C, R} || {C, R, _} <- Rs])]),
              io:format("  ~p~n", [hd(Rs)])
      end, Ops),
    %% unary operators
    io:format("~p~n", [[e(fun() -> erlang:Op(id(X)) end) || Op <- ['-', '+', 'bnot'], X <- [a, 1.5, "x"]]]),
    %% body arithmetic (not via apply) on bad types
    io:format("~p~n", [e(fun() -> id(1) + id(a) end)]),
    io:format("~p~n", [e(fun() -> id(2.0) * id({}) end)]),
    io:format("~p~n", [e(fun() -> id(1 bsl 80) - id([]) end)]),
    io:format("~p~n", [e(fun() -> id(7) div id(0) end)]),
    io:format("~p~n", [e(fun() -> id(7.0) / id(0) end)]),
    io:format("~p~n", [e(fun() -> id(1.0e308) * id(1.0e308) end)]),
    io:format("~p~n", [e(fun() -> id(1.0e308) + id(1 bsl 1023) end)]),
    io:format("~p~n", [e(fun() -> -id(<<>>) end)]),
    %% guards swallow the error
    io:format("~p~n", [[g(id(X)) || X <- [1, -1, a, 1.0, {x}]]]),
    %% BIFs on numbers: badarg rather than badarith
    io:format("~p~n", [[e(F) || F <- [fun() -> abs(id(a)) end, fun() -> trunc(id("1")) end,
                                      fun() -> round(id(<<>>)) end, fun() -> float(id([])) end,
                                      fun() -> integer_to_list(id(1.0)) end, fun() -> max(1, 2) + id(a) end]]]),
    %% math functions: badarith on domain errors, badarg on types
    io:format("~p~n", [[e(F) || F <- [fun() -> math:log(id(0)) end, fun() -> math:sqrt(id(-1)) end,
                                      fun() -> math:acos(id(2)) end, fun() -> math:pow(id(10), id(400)) end,
                                      fun() -> math:sin(id(x)) end, fun() -> math:log10(id(-0.0)) end]]]),
    %% catch expression form
    io:format("~p~n", [catch id(1) / id(0)]),
    ok.
