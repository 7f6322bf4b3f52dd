%% A schema validator for decoded request payloads: guard-heavy function
%% heads (map_get/is_map_key/tuple_size/byte_size/is_function/float
%% comparisons in guards, andalso/orelse), big literal dispatch tables,
%% binary patterns in heads, and error accumulation.
-module(t_app_validate).
-export([main/0]).

main() ->
    Reqs = [
        #{<<"op">> => <<"create">>, <<"name">> => <<"widget">>, <<"qty">> => 3, <<"price">> => 9.5,
          <<"tags">> => [<<"a">>, <<"b">>]},
        #{<<"op">> => <<"create">>, <<"name">> => <<>>, <<"qty">> => -1, <<"price">> => 0},
        #{<<"op">> => <<"delete">>, <<"id">> => 42},
        #{<<"op">> => <<"delete">>, <<"id">> => <<"42">>},
        #{<<"op">> => <<"update">>, <<"id">> => 7, <<"changes">> => #{<<"qty">> => 10}},
        #{<<"op">> => <<"update">>, <<"id">> => 7, <<"changes">> => #{}},
        #{<<"op">> => <<"rename">>, <<"id">> => 1, <<"name">> => <<"ok name">>},
        #{<<"op">> => <<"bogus">>},
        #{<<"name">> => <<"no op">>},
        #{<<"op">> => <<"create">>, <<"name">> => binary:copy(<<"x">>, 70), <<"qty">> => 1 bsl 40, <<"price">> => 1.0e9,
          <<"tags">> => [<<"ok">>, 5]},
        not_a_map
    ],
    lists:foreach(fun(R) -> io:format("~p~n  => ~p~n", [R, validate(R)]) end, Reqs),
    io:format("~nclassify: ~p~n", [[classify(X) || X <- [0, 1, -5, 3.0, -0.0, 1 bsl 70, a, "str", <<"bin">>, <<1:3>>,
                                                          {}, {1, 2}, {1, 2, 3, 4, 5}, [], [1 | 2], #{}, #{a => 1},
                                                          fun() -> ok end, fun erlang:abs/1, self(), make_ref()]]]),
    io:format("http: ~p~n", [[status_text(C) || C <- [100, 200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 405, 409,
                                                        418, 422, 429, 500, 502, 503, 504, 999]]]),
    io:format("mime: ~p~n", [[mime(F) || F <- [<<"a.html">>, <<"b.css">>, <<"c.JS">>, <<"d.png">>, <<"e.tar.gz">>,
                                                <<"noext">>, <<"f.json">>, <<".hidden">>, <<"g.svg">>]]]),
    io:format("utf8 heads: ~p~n", [[first_char_kind(B) || B <- [<<"abc">>, <<"Ünï"/utf8>>, <<"日本"/utf8>>,
                                                                 <<"😀"/utf8>>, <<>>, <<255, 1>>, <<"9lives">>]]]),
    ok.

%% ---------------------------------------------------------------- validation
validate(R) when not is_map(R) -> {error, [not_an_object]};
validate(R) when not is_map_key(<<"op">>, R) -> {error, [missing_op]};
validate(#{<<"op">> := Op} = R) ->
    case check(Op, R) of
        [] -> ok;
        Errs -> {error, lists:reverse(Errs)}
    end.

check(<<"create">>, R) ->
    lists:foldl(fun(F, Acc) -> F(R, Acc) end, [],
                [fun name/2, fun qty/2, fun price/2, fun tags/2]);
check(<<"delete">>, R) -> id(R, []);
check(<<"update">>, #{<<"changes">> := C} = R) when map_size(C) > 0 -> id(R, []);
check(<<"update">>, R) -> id(R, [no_changes]);
check(<<"rename">>, R) -> name(R, id(R, []));
check(Other, _) -> [{unknown_op, Other}].

name(R, Acc) when is_map_key(<<"name">>, R),
                  is_binary(map_get(<<"name">>, R)),
                  byte_size(map_get(<<"name">>, R)) > 0,
                  byte_size(map_get(<<"name">>, R)) =< 64 -> Acc;
name(#{<<"name">> := N}, Acc) when is_binary(N), byte_size(N) > 64 -> [{name_too_long, byte_size(N)} | Acc];
name(_, Acc) -> [bad_name | Acc].

qty(#{<<"qty">> := Q}, Acc) when is_integer(Q), Q > 0, Q < 1000000 -> Acc;
qty(#{<<"qty">> := Q}, Acc) when is_integer(Q) -> [{qty_out_of_range, Q} | Acc];
qty(_, Acc) -> [bad_qty | Acc].

price(#{<<"price">> := P}, Acc) when is_float(P), P > 0.0, P < 1.0e6; is_integer(P), P > 0 -> Acc;
price(#{<<"price">> := P}, Acc) -> [{bad_price, P} | Acc];
price(_, Acc) -> Acc.

tags(#{<<"tags">> := T}, Acc) when is_list(T), length(T) =< 5 ->
    case [X || X <- T, not is_binary(X)] of
        [] -> Acc;
        Bad -> [{bad_tags, Bad} | Acc]
    end;
tags(#{<<"tags">> := _}, Acc) -> [bad_tags | Acc];
tags(_, Acc) -> Acc.

id(#{<<"id">> := I}, Acc) when is_integer(I) andalso I > 0 -> Acc;
id(_, Acc) -> [bad_id | Acc].

%% ---------------------------------------------------------------- classification
classify(X) when is_integer(X), X =:= 0 -> zero;
classify(X) when is_integer(X), X > 0, X < 1 bsl 59 -> pos_small;
classify(X) when is_integer(X), X < 0 -> neg_int;
classify(X) when is_integer(X) -> big_int;
classify(X) when is_float(X), X == 0 -> float_zero;
classify(X) when is_float(X) -> float;
classify(X) when is_atom(X) -> atom;
classify(X) when is_bitstring(X), not is_binary(X) -> {bitstring, bit_size(X)};
classify(X) when is_binary(X) -> {binary, byte_size(X)};
classify(X) when is_tuple(X), tuple_size(X) =:= 0 -> empty_tuple;
classify(X) when is_tuple(X), tuple_size(X) < 3 -> small_tuple;
classify(X) when is_tuple(X) -> {tuple, tuple_size(X)};
classify([]) -> nil;
classify([_ | T]) when not is_list(T) -> improper;
classify(X) when is_list(X) -> list;
classify(X) when is_map(X), map_size(X) =:= 0 -> empty_map;
classify(X) when is_map(X) -> map;
classify(X) when is_function(X, 0) -> fun0;
classify(X) when is_function(X) -> {fun_, element(2, erlang:fun_info(X, arity))};
classify(X) when is_pid(X) -> pid;
classify(X) when is_reference(X) -> ref.

status_text(100) -> "Continue";
status_text(200) -> "OK";
status_text(201) -> "Created";
status_text(204) -> "No Content";
status_text(301) -> "Moved Permanently";
status_text(302) -> "Found";
status_text(304) -> "Not Modified";
status_text(400) -> "Bad Request";
status_text(401) -> "Unauthorized";
status_text(403) -> "Forbidden";
status_text(404) -> "Not Found";
status_text(405) -> "Method Not Allowed";
status_text(409) -> "Conflict";
status_text(418) -> "I'm a teapot";
status_text(422) -> "Unprocessable Entity";
status_text(429) -> "Too Many Requests";
status_text(500) -> "Internal Server Error";
status_text(502) -> "Bad Gateway";
status_text(503) -> "Service Unavailable";
status_text(504) -> "Gateway Timeout";
status_text(C) when C >= 100, C < 600 -> "Unknown";
status_text(_) -> invalid.

mime(Name) ->
    case binary:split(Name, <<".">>, [global]) of
        [_] -> <<"application/octet-stream">>;
        [<<>>, _] -> hidden;
        Parts -> ext(string:lowercase(lists:last(Parts)))
    end.

ext(<<"html">>) -> <<"text/html">>;
ext(<<"css">>) -> <<"text/css">>;
ext(<<"js">>) -> <<"text/javascript">>;
ext(<<"json">>) -> <<"application/json">>;
ext(<<"png">>) -> <<"image/png">>;
ext(<<"svg">>) -> <<"image/svg+xml">>;
ext(<<"gz">>) -> <<"application/gzip">>;
ext(_) -> <<"application/octet-stream">>.

first_char_kind(<<C/utf8, _/binary>>) when C >= $0, C =< $9 -> digit;
first_char_kind(<<C/utf8, _/binary>>) when C < 128 -> ascii;
first_char_kind(<<C/utf8, _/binary>>) when C < 16#800 -> two_byte;
first_char_kind(<<C/utf8, _/binary>>) when C < 16#10000 -> three_byte;
first_char_kind(<<_/utf8, _/binary>>) -> four_byte;
first_char_kind(<<>>) -> empty;
first_char_kind(<<_, _/binary>>) -> invalid_utf8.
