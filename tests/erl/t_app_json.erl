%% A small JSON encoder/decoder over binaries and maps: round trips,
%% pretty printing, unicode escapes, error positions.
-module(t_app_json).
-export([main/0]).

main() ->
    Docs = [
        <<"{\"name\": \"girder\", \"version\": 1.5, \"tags\": [\"vm\", \"jit\"], \"ok\": true}">>,
        <<"[1, -2, 3.25, 1e3, -0.5E-2, 12345678901234567890, null, false]">>,
        <<"{\"nested\": {\"a\": {\"b\": {\"c\": [[], {}, [{}]]}}}, \"empty\": \"\"}">>,
        <<"\"esc: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u4e2d \\ud83d\\ude00\"">>,
        <<"  {\"k1\":1,\"k2\":[true,{\"k3\":null}],\"k4\":\"v\"}  ">>
    ],
    lists:foreach(fun(D) -> roundtrip(D) end, Docs),
    Bad = [<<"{\"a\" 1}">>, <<"[1, 2">>, <<"tru">>, <<"\"unterminated">>, <<"{\"a\":1,}">>,
           <<"[1] x">>, <<"-">>, <<"\"\\x\"">>],
    lists:foreach(fun(B) ->
                          io:format("~s -> ~p~n", [B, catch decode(B)])
                  end, Bad),
    Big = #{<<"users">> => [#{<<"id">> => I, <<"name">> => iolist_to_binary(["user", integer_to_list(I)]),
                              <<"score">> => I * 1.5, <<"admin">> => I rem 3 =:= 0}
                            || I <- lists:seq(1, 6)],
            <<"count">> => 6},
    Enc = iolist_to_binary(encode(Big)),
    io:format("encoded ~b bytes~n~s~n", [byte_size(Enc), Enc]),
    Dec = decode(Enc),
    io:format("equal after roundtrip: ~p~n", [Dec =:= Big]),
    io:format("~s~n", [pretty(Dec, 0)]),
    Users = maps:get(<<"users">>, Dec),
    Admins = [maps:get(<<"name">>, U) || U <- Users, maps:get(<<"admin">>, U)],
    io:format("admins: ~p~n", [Admins]),
    Total = lists:foldl(fun(U, A) -> A + maps:get(<<"score">>, U) end, 0, Users),
    io:format("total score: ~.2f~n", [Total]),
    ok.

roundtrip(D) ->
    V = decode(D),
    E = iolist_to_binary(encode(V)),
    V2 = decode(E),
    io:format("~p~n  => ~s~n  stable: ~p~n", [V, E, V =:= V2]).

%% ---------------------------------------------------------------- decoder
decode(Bin) ->
    {V, Rest} = value(ws(Bin)),
    case ws(Rest) of
        <<>> -> V;
        Other -> throw({trailing, byte_size(Bin) - byte_size(Other)})
    end.

ws(<<C, R/binary>>) when C =:= $\s; C =:= $\t; C =:= $\n; C =:= $\r -> ws(R);
ws(B) -> B.

value(<<"{", R/binary>>) -> object(ws(R), #{});
value(<<"[", R/binary>>) -> array(ws(R), []);
value(<<"\"", R/binary>>) -> string(R, []);
value(<<"true", R/binary>>) -> {true, R};
value(<<"false", R/binary>>) -> {false, R};
value(<<"null", R/binary>>) -> {null, R};
value(<<C, _/binary>> = B) when C =:= $-; C >= $0, C =< $9 -> number(B);
value(B) -> throw({unexpected, B}).

object(<<"}", R/binary>>, M) when map_size(M) =:= 0 -> {M, R};
object(<<"\"", R/binary>>, M) ->
    {K, R1} = string(R, []),
    case ws(R1) of
        <<":", R2/binary>> ->
            {V, R3} = value(ws(R2)),
            M1 = M#{K => V},
            case ws(R3) of
                <<",", R4/binary>> -> object(ws(R4), M1);
                <<"}", R4/binary>> -> {M1, R4};
                Other -> throw({expected_comma_or_brace, Other})
            end;
        Other -> throw({expected_colon, Other})
    end;
object(B, _) -> throw({bad_object, B}).

array(<<"]", R/binary>>, []) -> {[], R};
array(B, Acc) ->
    {V, R} = value(B),
    case ws(R) of
        <<",", R1/binary>> -> array(ws(R1), [V | Acc]);
        <<"]", R1/binary>> -> {lists:reverse([V | Acc]), R1};
        Other -> throw({expected_comma_or_bracket, Other})
    end.

string(<<"\"", R/binary>>, Acc) -> {unicode:characters_to_binary(lists:reverse(Acc)), R};
string(<<"\\", C, R/binary>>, Acc) ->
    case C of
        $" -> string(R, [$" | Acc]);
        $\\ -> string(R, [$\\ | Acc]);
        $/ -> string(R, [$/ | Acc]);
        $b -> string(R, [$\b | Acc]);
        $f -> string(R, [$\f | Acc]);
        $n -> string(R, [$\n | Acc]);
        $r -> string(R, [$\r | Acc]);
        $t -> string(R, [$\t | Acc]);
        $u ->
            <<H:4/binary, R1/binary>> = R,
            Cp = binary_to_integer(H, 16),
            if Cp >= 16#D800, Cp =< 16#DBFF ->
                    <<"\\u", L:4/binary, R2/binary>> = R1,
                    Lo = binary_to_integer(L, 16),
                    string(R2, [16#10000 + ((Cp - 16#D800) bsl 10) + (Lo - 16#DC00) | Acc]);
               true -> string(R1, [Cp | Acc])
            end;
        _ -> throw({bad_escape, C})
    end;
string(<<C/utf8, R/binary>>, Acc) -> string(R, [C | Acc]);
string(<<>>, _) -> throw(unterminated_string).

number(B) ->
    {Int, R} = digits(B, <<>>),
    {Frac, R1} = case R of
                     <<".", R0/binary>> -> {F, Rx} = digits(R0, <<>>), {<<".", F/binary>>, Rx};
                     _ -> {<<>>, R}
                 end,
    {Exp, R2} = case R1 of
                    <<E, R3/binary>> when E =:= $e; E =:= $E ->
                        {Ex, R4} = digits(R3, <<>>), {<<"e", Ex/binary>>, R4};
                    _ -> {<<>>, R1}
                end,
    case {Frac, Exp} of
        {<<>>, <<>>} -> {binary_to_integer(Int), R2};
        {<<>>, _} -> {binary_to_float(<<Int/binary, ".0", Exp/binary>>), R2};
        _ -> {binary_to_float(<<Int/binary, Frac/binary, Exp/binary>>), R2}
    end.

digits(<<C, R/binary>>, Acc) when C >= $0, C =< $9; C =:= $-; C =:= $+ -> digits(R, <<Acc/binary, C>>);
digits(R, <<>>) -> throw({bad_number, R});
digits(R, Acc) -> {Acc, R}.

%% ---------------------------------------------------------------- encoder
encode(true) -> <<"true">>;
encode(false) -> <<"false">>;
encode(null) -> <<"null">>;
encode(I) when is_integer(I) -> integer_to_binary(I);
encode(F) when is_float(F) -> float_to_binary(F, [short]);
encode(B) when is_binary(B) -> [$", escape(B), $"];
encode(L) when is_list(L) -> [$[, lists:join($,, [encode(X) || X <- L]), $]];
encode(M) when is_map(M) ->
    Pairs = [[encode(K), $:, encode(V)] || {K, V} <- lists:keysort(1, maps:to_list(M))],
    [${, lists:join($,, Pairs), $}].

escape(B) -> [esc(C) || C <- unicode:characters_to_list(B)].

esc($") -> "\\\"";
esc($\\) -> "\\\\";
esc($\n) -> "\\n";
esc($\r) -> "\\r";
esc($\t) -> "\\t";
esc(C) when C < 32 -> io_lib:format("\\u~4.16.0b", [C]);
esc(C) when C > 127, C < 16#10000 -> io_lib:format("\\u~4.16.0b", [C]);
esc(C) when C >= 16#10000 ->
    C1 = C - 16#10000,
    io_lib:format("\\u~4.16.0b\\u~4.16.0b", [16#D800 + (C1 bsr 10), 16#DC00 + (C1 band 16#3FF)]);
esc(C) -> C.

pretty(M, Ind) when is_map(M), map_size(M) > 0 ->
    Pad = lists:duplicate(Ind + 2, $\s),
    Items = [[Pad, encode(K), ": ", pretty(V, Ind + 2)] || {K, V} <- lists:sort(maps:to_list(M))],
    ["{\n", lists:join(",\n", Items), "\n", lists:duplicate(Ind, $\s), "}"];
pretty(L, Ind) when is_list(L), L =/= [] ->
    Pad = lists:duplicate(Ind + 2, $\s),
    ["[\n", lists:join(",\n", [[Pad, pretty(X, Ind + 2)] || X <- L]), "\n", lists:duplicate(Ind, $\s), "]"];
pretty(V, _) -> encode(V).
