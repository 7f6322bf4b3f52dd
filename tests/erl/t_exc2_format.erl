%% erl_error:format_exception/3,4 on caught exceptions: the messages
%% erl's shell would print, built from the error_info of BIF frames
%% (erl_erts_errors / erl_stdlib_errors) and from plain reasons.
-module(t_exc2_format).
-export([main/0, id/1]).

id(X) -> X.

fmt(Name, F) ->
    try F() of
        V -> io:format("~p returned ~p~n", [Name, V])
    catch
        C:R:St ->
            Mine = [Fr || {M, Fn, _, _} = Fr <- St, not (M =:= ?MODULE andalso Fn =:= fmt)],
            Str = erl_error:format_exception(C, R, lists:sublist(Mine, 1),
                                             #{column => 4}),
            io:format("~p:~n~ts~n", [Name, Str])
    end.

main() ->
    fmt(atom_to_list, fun() -> atom_to_list(id("x")) end),
    fmt(list_to_atom, fun() -> list_to_atom(id(x)) end),
    fmt(element, fun() -> element(id(5), {a}) end),
    fmt(element2, fun() -> element(id(a), {a}) end),
    fmt(setelement, fun() -> setelement(id(0), {a}, b) end),
    fmt(hd, fun() -> hd(id([])) end),
    fmt(tl, fun() -> tl(id(x)) end),
    fmt(length, fun() -> length(id([a | b])) end),
    fmt(binary_to_list, fun() -> binary_to_list(id(x)) end),
    fmt(integer_to_list, fun() -> integer_to_list(id(1), 99) end),
    fmt(list_to_integer, fun() -> list_to_integer(id("1x")) end),
    fmt(tuple_to_list, fun() -> tuple_to_list(id([])) end),
    fmt(abs, fun() -> abs(id(x)) end),
    fmt(plus, fun() -> id(1) + id(x) end),
    fmt(div_zero, fun() -> id(1) div id(0) end),
    fmt('bsl', fun() -> id(1) bsl id(a) end),
    fmt(map_get, fun() -> map_get(id(k), id(#{})) end),
    fmt(maps_get, fun() -> maps:get(id(k), id(#{})) end),
    fmt(maps_put, fun() -> maps:put(k, v, id(notmap)) end),
    fmt(lists_nth, fun() -> lists:nth(id(0), [a]) end),
    fmt(lists_seq, fun() -> lists:seq(id(a), 3) end),
    fmt(binary_part, fun() -> binary_part(id(<<"ab">>), 1, 5) end),
    fmt(iolist_to_binary, fun() -> iolist_to_binary(id([a])) end),
    fmt(list_to_tuple, fun() -> list_to_tuple(id(x)) end),
    fmt(make_tuple, fun() -> erlang:make_tuple(id(-1), a) end),
    fmt(atom_to_binary, fun() -> atom_to_binary(id(1), utf8) end),
    fmt(binary_to_atom, fun() -> binary_to_atom(id(<<255>>), utf8) end),
    fmt(float_to_list, fun() -> float_to_list(id(1)) end),
    fmt(string_pad, fun() -> string:pad(id(x), 3) end),
    fmt(unicode, fun() -> unicode:characters_to_binary(id(x)) end),
    fmt(badmatch, fun() -> {a} = id({b}) end),
    fmt(function_clause, fun() -> lists:foldl(id(x), 0, [1]) end),
    fmt(undef, fun() -> nomod_z:f(id(1)) end),
    fmt(badarity, fun() -> (id(fun() -> ok end))(1) end),
    fmt(throw, fun() -> throw(id(ball)) end),
    fmt(exit, fun() -> exit(id(reason)) end),
    fmt(error_info_custom, fun() -> error(id(custom), [1], [{error_info, #{module => erl_erts_errors}}]) end),
    ok.
