%% Loads and purges one module (literals, funs, bit syntax, a string
%% table) N times; prints "at I" after 1000 and N reloads and then pauses,
%% so that tests/mem/reload_rss.sh can read the resident set size.
-module(reload_rss).
-export([main/0, main/1]).

src(V) ->
    "-module(rss_m).
     -export([lits/0, adder/1, parse/1, build/1, strs/1]).
     lits() -> {lit, [1,2,3], <<\"0123456789012345678901234567890123456789012345678901234567890123456789-big\">>,
                #{a => 1, b => [x, \"str\"]}, 123456789012345678901234567890, 1.5, <<\"small\">>,
                \"a string literal that is a list\", " ++ integer_to_list(V) ++ "}.
     adder(N) -> fun(X) -> X + N end.
     parse(<<\"hdr:\", X:8, Rest/binary>>) -> {X, Rest};
     parse(<<\"other\", _/binary>>) -> other;
     parse(_) -> no.
     build(X) -> <<X:16, \"tail\", X/utf8>>.
     strs(\"abc\" ++ T) -> T;
     strs(_) -> none.
    ".

forms(V) ->
    {ok, Ts, _} = erl_scan:string(src(V)),
    split(Ts, [], []).

split([], [], Acc) -> lists:reverse(Acc);
split([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split(T, [], [F | Acc]);
split([X | T], Cur, Acc) -> split(T, [X | Cur], Acc).

bin(V) ->
    {ok, rss_m, B} = compile:forms(forms(V), []),
    B.

main() -> main(['10000']).

main([NA]) ->
    N = list_to_integer(if is_atom(NA) -> atom_to_list(NA); true -> NA end),
    Bs = {bin(1), bin(2)},
    Held = loop(1, N, Bs, none),
    io:format("held ~p~n", [Held]).

loop(I, N, _Bs, Held) when I > N -> Held;
loop(I, N, Bs, Held) ->
    {module, rss_m} = code:load_binary(rss_m, "rss_m.erl", element(1 + I rem 2, Bs)),
    _ = code:purge(rss_m),
    R = {rss_m:lits(), (rss_m:adder(I))(1), rss_m:parse(<<"hdr:", 7, "rest">>),
         rss_m:build(300), rss_m:strs("abcdef")},
    case I =:= 1000 orelse I =:= N of
        true ->
            io:format("at ~p~n", [I]),
            timer:sleep(1500);
        false -> ok
    end,
    %% Keeps a literal of an old version alive across later purges.
    loop(I + 1, N, Bs, case I of 500 -> R; _ -> Held end).
