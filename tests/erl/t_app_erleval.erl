%% A REPL-like calculator built on erl_scan, erl_parse and erl_eval:
%% bindings carried between inputs, a local function handler, a
%% non-local function allow-list, and error reporting for scan, parse
%% and evaluation failures.
-module(t_app_erleval).
-export([main/0]).

main() ->
    Inputs = [
        "X = 6 * 7.",
        "Y = X div 5 + X rem 5.",
        "L = lists:seq(1, X div 4).",
        "lists:sum([I * I || I <- L]).",
        "F = fun(N) -> N * X end, F(3).",
        "Fact = fun Fact(0) -> 1; Fact(N) -> N * Fact(N - 1) end, Fact(25).",
        "#{a := A} = #{a => {X, Y}, b => 2}, A.",
        "<<B:4, R/bitstring>> = <<255, 1>>, {B, R}.",
        "case X > 40 of true -> big; false -> small end.",
        "double(21) + square(5).",
        "try 1 / 0 catch error:badarith -> infinity end.",
        "os:cmd(\"ls\").",
        "X = 43.",
        "Z + 1.",
        "1 + .",
        "\"unterminated.",
        "lists:foldl(fun(E, Acc) -> E + Acc end, 0, [X, Y | L]).",
        "{ok, Toks, _} = erl_scan:string(\"1+2.\"), length(Toks).",
        "string:uppercase(\"done\") ++ integer_to_list(X).",
        "[{K, V} || K <- [a, b], V <- [1, 2], V > 1].",
        "receive M -> M after 0 -> nothing end.",
        "self() =:= self().",
        "throw(custom).",
        "erlang:error({my, error}).",
        "maps:fold(fun(K, V, Acc) -> [{V, K} | Acc] end, [], #{x => 1, y => 2})."
    ],
    Final = lists:foldl(fun(In, {N, B}) ->
                                {Out, B1} = eval(In, B),
                                io:format("~2b> ~s~n    ~s~n", [N, In, Out]),
                                {N + 1, B1}
                        end, {1, erl_eval:new_bindings()}, Inputs),
    {_, Bs} = Final,
    io:format("final bindings: ~p~n", [[K || {K, _} <- lists:sort(erl_eval:bindings(Bs))]]),
    {ok, T, _} = erl_scan:string("foo(X, \"s\", 3.5, <<1>>) -> X#{k => [$a]}."),
    io:format("tokens: ~p~n", [[element(1, Tok) || Tok <- T]]),
    {ok, Form} = erl_parse:parse_form(T),
    io:format("form: ~p~n", [Form]),
    io:format("pretty: ~s~n", [erl_pp:form(Form)]),
    ok.

eval(Src, Bs) ->
    case erl_scan:string(Src) of
        {error, {_, Mod, Desc}, _} ->
            {"scan error: " ++ lists:flatten(Mod:format_error(Desc)), Bs};
        {ok, Toks, _} ->
            case erl_parse:parse_exprs(Toks) of
                {error, {_, Mod, Desc}} ->
                    {"parse error: " ++ lists:flatten(Mod:format_error(Desc)), Bs};
                {ok, Exprs} ->
                    try erl_eval:exprs(Exprs, Bs, {value, fun local/2}, {value, fun nonlocal/2}) of
                        {value, V, Bs1} -> {lists:flatten(io_lib:format("~P", [V, 12])), Bs1}
                    catch
                        Class:Reason -> {lists:flatten(io_lib:format("~p: ~P", [Class, Reason, 8])), Bs}
                    end
            end
    end.

local(double, [X]) -> 2 * X;
local(square, [X]) -> X * X;
local(Name, Args) -> erlang:error({undefined_local, Name, length(Args)}).

nonlocal({M, F}, Args) ->
    case lists:member(M, [lists, erlang, maps, string, erl_scan]) of
        true -> apply(M, F, Args);
        false -> erlang:error({forbidden, M, F})
    end;
nonlocal(Fun, Args) when is_function(Fun) -> apply(Fun, Args).
