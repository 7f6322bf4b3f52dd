%% Device options and I/O protocol requests sent by hand.
-module(t_io_getopts).
-export([main/0]).
main() ->
    io:format("~p~n", [io:getopts()]),
    io:format("~p~n", [io:columns()]),
    io:format("~p~n", [io:rows()]),
    io:format("~p~n", [io:printable_range()]),
    GL = group_leader(),
    Ref = make_ref(),
    GL ! {io_request, self(), Ref, {put_chars, unicode, "raw request\n"}},
    receive {io_reply, Ref, R1} -> io:format("reply ~p~n", [R1]) end,
    GL ! {io_request, self(), Ref, {put_chars, latin1, io_lib, format, ["mfa ~p~n", [x]]}},
    receive {io_reply, Ref, R2} -> io:format("reply ~p~n", [R2]) end,
    GL ! {io_request, self(), Ref, {no_such_request, 1}},
    receive {io_reply, Ref, R3} -> io:format("reply ~p~n", [R3]) end,
    GL ! {io_request, self(), Ref, {requests, [{put_chars, unicode, "a"}, {put_chars, unicode, "b\n"}]}},
    receive {io_reply, Ref, R4} -> io:format("reply ~p~n", [R4]) end,
    GL ! {io_request, self(), Ref, {put_chars, unicode, io_lib, format, ["~p", []]}},
    receive {io_reply, Ref, R5} -> io:format("reply ~p~n", [R5]) end,
    GL ! not_an_io_request,
    io:format("~p~n", [io:request(standard_io, getopts)]),
    ok.
