%% CSV parsing (quoted fields, escaped quotes, embedded commas/newlines),
%% aggregation with maps and lists:keysort, and a report rendered with
%% io_lib:format, string:pad and column alignment.
-module(t_app_csv).
-export([main/0]).

main() ->
    Csv = <<"region,product,units,unit_price,date\n"
            "north,widget,12,2.50,2023-01-15\n"
            "south,\"gadget, deluxe\",3,19.99,2023-01-17\n"
            "north,gizmo,7,7.25,2023-02-01\n"
            "east,widget,30,2.45,2023-02-11\n"
            "west,\"the \"\"best\"\" thing\",1,99.00,2023-02-28\n"
            "south,widget,18,2.50,2023-03-03\n"
            "east,gizmo,4,7.00,2023-03-09\n"
            "north,\"multi\nline\",2,5.00,2023-03-21\n"
            "west,gadget,9,18.50,2023-03-30\n"
            "east,\"gadget, deluxe\",5,21.00,2023-04-02\n"
            "north,widget,25,2.40,2023-04-12\n"
            "south,gizmo,11,7.10,2023-04-19\n">>,
    [Header | Rows] = parse(Csv),
    io:format("header: ~p~n", [Header]),
    io:format("~b rows; row 2 = ~p~n", [length(Rows), lists:nth(2, Rows)]),
    io:format("row 8 = ~p~n", [lists:nth(8, Rows)]),
    Recs = [to_rec(Header, R) || R <- Rows],
    io:format("first record: ~p~n", [hd(Recs)]),
    %% by region
    ByRegion = group(fun(R) -> maps:get(region, R) end, Recs),
    io:format("~n~s~n", [table(["region", "orders", "units", "revenue", "avg price"],
                               [[K, length(V), sum(units, V), fmt_money(revenue(V)),
                                 fmt_money(revenue(V) / sum(units, V))]
                                || {K, V} <- lists:keysort(1, maps:to_list(ByRegion))])]),
    %% by month
    ByMonth = group(fun(#{date := {Y, M, _}}) -> {Y, M} end, Recs),
    io:format("~s~n", [table(["month", "units", "revenue", "bar"],
                             [[io_lib:format("~4..0b-~2..0b", [Y, M]), sum(units, V),
                               fmt_money(revenue(V)), lists:duplicate(round(revenue(V) / 10), $=)]
                              || {{Y, M}, V} <- lists:sort(maps:to_list(ByMonth))])]),
    %% top products
    ByProd = group(fun(R) -> maps:get(product, R) end, Recs),
    Top = lists:reverse(lists:keysort(2, [{P, revenue(V)} || {P, V} <- maps:to_list(ByProd)])),
    io:format("~s~n", [table(["rank", "product", "revenue"],
                             [[I, P, fmt_money(Rev)] || {I, {P, Rev}} <- lists:zip(lists:seq(1, length(Top)), Top)])]),
    %% round trip
    Out = to_csv([Header | Rows]),
    io:format("re-encoded ~b bytes, identical: ~p~n", [iolist_size(Out), iolist_to_binary(Out) =:= Csv]),
    io:format("~s", [lists:sublist(binary_to_list(iolist_to_binary(Out)), 1, 120)]),
    io:format("~nbad row: ~p~n", [catch to_rec(Header, [<<"x">>, <<"y">>, <<"many">>, <<"1">>, <<"2023-01-01">>])]),
    ok.

%% ---------------------------------------------------------------- parsing
parse(Bin) -> rows(Bin, [], [], <<>>).

rows(<<>>, [], Rows, <<>>) -> lists:reverse(Rows);
rows(<<>>, Row, Rows, F) -> lists:reverse([lists:reverse([F | Row]) | Rows]);
rows(<<"\"", R/binary>>, Row, Rows, <<>>) -> quoted(R, Row, Rows, <<>>);
rows(<<",", R/binary>>, Row, Rows, F) -> rows(R, [F | Row], Rows, <<>>);
rows(<<"\n", R/binary>>, Row, Rows, F) -> rows(R, [], [lists:reverse([F | Row]) | Rows], <<>>);
rows(<<C, R/binary>>, Row, Rows, F) -> rows(R, Row, Rows, <<F/binary, C>>).

quoted(<<"\"\"", R/binary>>, Row, Rows, F) -> quoted(R, Row, Rows, <<F/binary, $">>);
quoted(<<"\"", R/binary>>, Row, Rows, F) -> rows(R, Row, Rows, F);
quoted(<<C, R/binary>>, Row, Rows, F) -> quoted(R, Row, Rows, <<F/binary, C>>).

to_rec(Header, Fields) ->
    maps:from_list([field(binary_to_atom(H), V) || {H, V} <- lists:zip(Header, Fields)]).

field(units, V) -> {units, binary_to_integer(V)};
field(unit_price, V) -> {unit_price, binary_to_float(V)};
field(date, V) ->
    [Y, M, D] = [binary_to_integer(X) || X <- binary:split(V, <<"-">>, [global])],
    true = calendar:valid_date(Y, M, D),
    {date, {Y, M, D}};
field(K, V) -> {K, V}.

%% ---------------------------------------------------------------- aggregation
group(F, L) -> lists:foldr(fun(X, M) -> maps:update_with(F(X), fun(A) -> [X | A] end, [X], M) end, #{}, L).

sum(K, L) -> lists:sum([maps:get(K, X) || X <- L]).

revenue(L) -> lists:sum([U * P || #{units := U, unit_price := P} <- L]).

fmt_money(X) ->
    Cents = round(X * 100),
    Int = integer_to_list(Cents div 100),
    lists:flatten([group3(Int), $., io_lib:format("~2..0b", [Cents rem 100])]).

group3(S) when length(S) =< 3 -> S;
group3(S) ->
    {H, T} = lists:split(length(S) - 3, S),
    group3(H) ++ "," ++ T.

%% ---------------------------------------------------------------- rendering
table(Head, Rows) ->
    Cells = [[cell(C) || C <- R] || R <- [Head | Rows]],
    Widths = [lists:max([string:length(lists:nth(I, R)) || R <- Cells]) || I <- lists:seq(1, length(Head))],
    Sep = ["+", [[lists:duplicate(W + 2, $-), "+"] || W <- Widths], "\n"],
    [HeadC | RowC] = Cells,
    [Sep, line(HeadC, Widths, [leading || _ <- Widths]), Sep,
     [line(R, Widths, [align(C) || C <- hd(Rows)]) || R <- RowC], Sep].

line(Cells, Widths, Aligns) ->
    ["|", [[" ", string:pad(C, W, A), " |"] || {C, W, A} <- lists:zip3(Cells, Widths, Aligns)], "\n"].

align(C) when is_number(C) -> trailing;
align(C) when is_binary(C) -> leading;
align(C) ->
    case io_lib:char_list(C) andalso C =/= [] andalso lists:all(fun(X) -> lists:member(X, "0123456789.,") end, C) of
        true -> trailing;
        false -> leading
    end.

cell(B) when is_binary(B) -> binary_to_list(B);
cell(I) when is_integer(I) -> integer_to_list(I);
cell(S) -> lists:flatten(S).

to_csv(Rows) -> [[lists:join($,, [quote(F) || F <- R]), $\n] || R <- Rows].

quote(F) ->
    case binary:match(F, [<<",">>, <<"\"">>, <<"\n">>]) of
        nomatch -> F;
        _ -> [$", binary:replace(F, <<"\"">>, <<"\"\"">>, [global]), $"]
    end.
