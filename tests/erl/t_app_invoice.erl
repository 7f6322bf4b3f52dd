%% Invoice generator exercising io_lib:format directives the way report
%% code uses them: field widths and precisions (~*.*f, ~-*s, ~*c), ~e/~g,
%% ~w/~p/~P/~W with depth limits, ~i, ~ts with unicode, ~#/~+ radix,
%% ~x-like hex via ~.16b, padding chars, and string:pad/centre logic.
-module(t_app_invoice).
-export([main/0]).

-record(line, {desc, qty, unit, vat}).

main() ->
    Lines = [#line{desc = "Widget, standard", qty = 12, unit = 2.5, vat = 0.2},
             #line{desc = "Gadget «deluxe»", qty = 1, unit = 1999.99, vat = 0.2},
             #line{desc = "Consulting (hours)", qty = 7.5, unit = 120.0, vat = 0.0},
             #line{desc = "Tiny part", qty = 1000, unit = 0.003, vat = 0.07},
             #line{desc = "Überlange Beschreibung die abgeschnitten wird", qty = 2, unit = 49.95, vat = 0.19}],
    W = 72,
    io:format("~s~n", [lists:duplicate(W, $=)]),
    io:format("~ts~n", [centre("INVOICE Nº 2024-0042", W)]),
    io:format("~s~n", [lists:duplicate(W, $=)]),
    io:format("~-*s~*s~n", [36, "Bill to: ACME Corp.", 36, "Date: 2024-03-15"]),
    io:format("~*c~n", [W, $-]),
    io:format("~-3s ~-28s ~8s ~10s ~5s ~12s~n", ["#", "Description", "Qty", "Unit", "VAT", "Amount"]),
    io:format("~*c~n", [W, $-]),
    {Net, Vat} = lists:foldl(fun({I, L}, {N, V}) ->
                                     Amount = L#line.qty * L#line.unit,
                                     io:format("~3.10.0b ~-28ts ~8s ~10.3f ~4.1f% ~12.2f~n",
                                               [I, trunc_str(L#line.desc, 28), qty(L#line.qty), L#line.unit,
                                                L#line.vat * 100, Amount]),
                                     {N + Amount, V + Amount * L#line.vat}
                             end, {0.0, 0.0}, lists:zip(lists:seq(1, length(Lines)), Lines)),
    io:format("~*c~n", [W, $-]),
    io:format("~*s~12.2f~n", [W - 12, "Net total: ", Net]),
    io:format("~*s~12.2f~n", [W - 12, "VAT: ", Vat]),
    io:format("~*s~12.2f~n", [W - 12, "TOTAL: ", Net + Vat]),
    io:format("~*.*f~n", [20, 4, Net + Vat]),
    io:format("~*c~n", [W, $=]),
    %% number formats
    Nums = [0.0, 1.0, -1.5, 123456.789, 1.0e-7, 6.02214076e23, 1/3, 100.0],
    [io:format("~-14w e:~-14e f:~-16f g:~-14g .3e:~.3e~n", [X, X, X, X, X]) || X <- Nums],
    [io:format("~b ~.2b ~.8b ~.16b ~.16B ~.16# ~.36+ ~8..0b ~-8.16b|~n", [N, N, N, N, N, N, N, N, N])
     || N <- [0, 7, 255, -255, 48879, 1 bsl 40]],
    io:format("~10.3.*f|~-10.3.*f|~n", [$_, 3.14159, $., 2.71828]),
    io:format("~c~c~c ~3c ~-3c|~n", [$a, $b, $c, $x, $y]),
    %% term printing
    Deep = {order, [#{id => I, items => lists:seq(1, I), meta => {nested, [deep, [deeper, [deepest]]]}} || I <- lists:seq(1, 4)]},
    io:format("~w~n", [Deep]),
    io:format("~P~n", [Deep, 8]),
    io:format("~W~n", [Deep, 5]),
    io:format("~p~n", [Deep]),
    io:format("~60p~n", [lists:seq(1, 40)]),
    io:format("~i~s~n", [ignored, "after ignore"]),
    io:format("~ts / ~s / ~p / ~tp~n", ["ünï", "abc", "ünï", "ünï"]),
    io:format("~ts~n", [<<"binary ünï"/utf8>>]),
    io:format("[~10s] [~-10s] [~.3s] [~10.3s]~n", ["right", "left", "truncate", "both"]),
    io:format("~s~n", [[["deep", $\s], [<<"io">>, "list"], $!]]),
    io:format("~p ~p ~p~n", ['quoted atom', 'UPPER', [a | b]]),
    io:format("~p~n", [<<1, 2, 3:4>>]),
    io:format("~p~n", [[{K, V} || {K, V} <- [{a, 1}, {b, "two"}, {c, <<"three">>}]]]),
    Str = io_lib:format("~5.2f|~5.2f|~5.2f", [1.005, -0.0, 99.999]),
    io:format("~s (~b chars, flat ~p)~n", [Str, length(lists:flatten(Str)), io_lib:char_list(lists:flatten(Str))]),
    io:format("bad format: ~p~n", [catch io_lib:format("~d", [1])]),
    io:format("wrong args: ~p~n", [catch io_lib:format("~s ~s", [only_one])]),
    ok.

qty(Q) when is_integer(Q) -> integer_to_list(Q);
qty(Q) -> float_to_list(Q, [{decimals, 2}, compact]).

trunc_str(S, N) ->
    case string:length(S) > N of
        true -> string:slice(S, 0, N - 1) ++ "…";
        false -> S
    end.

centre(S, W) ->
    L = string:length(S),
    Left = (W - L) div 2,
    lists:duplicate(Left, $\s) ++ S.
