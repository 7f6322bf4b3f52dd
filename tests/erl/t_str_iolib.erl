%% io_lib helpers: write/print/format/fwrite/char_list/printable lists,
%% write_atom/write_string/quote_atom, indentation, io_lib:fread,
%% io_lib:scan_format/build_text.
-module(t_str_iolib).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    p(lists:flatten(io_lib:write({a, "b", [c]}))),
    p(lists:flatten(io_lib:write(lists:seq(1, 10), 3))),
    p(lists:flatten(io_lib:print({x, y}))),
    p(lists:flatten(io_lib:write_atom('needs quotes'))),
    p(lists:flatten(io_lib:write_atom(ok))),
    p(lists:flatten(io_lib:write_string("a\"b"))),
    p(lists:flatten(io_lib:write_string("a'b", $'))),
    p(lists:flatten(io_lib:write_char($a))),
    p(lists:flatten(io_lib:write_char($\n))),
    p(io_lib:quote_atom(hello, false)),
    p({io_lib:printable_list("abc"), io_lib:printable_list([1, 2]),
       io_lib:printable_latin1_list("åäö"), io_lib:printable_unicode_list([8364]),
       io_lib:printable_list([8364])}),
    p({io_lib:char_list("abc"), io_lib:deep_char_list(["a", ["b"]]), io_lib:char_list([a])}),
    p(io_lib:fread("~d ~s", "42 hello rest")),
    p(io_lib:fread("~f", "3.5")),
    p(io_lib:fread("~a~d", "abc")),
    p(io_lib:fread("~d", "x")),
    p(io_lib:fread("~3c", "abcdef")),
    p(io_lib:fread("~u", "99")),
    p(io_lib:fread("~#", "16#ff")),
    p(io_lib:fread("~2d~2d", "1234")),
    SF = io_lib:scan_format("~p and ~10.2f~n", [x, 3.0]),
    p(SF),
    p(lists:flatten(io_lib:build_text(SF))),
    p(io_lib:unscan_format(SF)),
    p(lists:flatten(io_lib:format("~ts", [[<<"deep ">>, ["io", [$l, $i, $s, $t]]]]))),
    p(iolist_to_binary(io_lib:format("~w-~w", [1, 2]))),
    p(lists:flatten(io_lib:fwrite("~s", ["fwrite"]))),
    p(io_lib:nl()),
    p(io_lib:indentation("ab\ncd", 4)),
    ok.
