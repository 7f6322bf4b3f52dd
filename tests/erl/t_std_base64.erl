%% base64: encode/decode on lists and binaries, padding, mime decoding,
%% whitespace, errors, and round trips over all byte values.
-module(t_std_base64).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

%% (the bit-syntax error_info in the trace is not compared here)
e(F) -> try F() catch C:R:St -> {C, R, [{M, Fn} || {M, Fn, _, _} <- St, M =/= ?MODULE]} end.

main() ->
    [p(base64:encode(B)) || B <- [<<>>, <<"f">>, <<"fo">>, <<"foo">>, <<"foob">>, <<"fooba">>, <<"foobar">>]],
    p(base64:encode_to_string("hello world")),
    p(base64:encode("hello")),
    p(base64:decode(<<"Zm9vYmFy">>)),
    p(base64:decode("Zm9vYg==")),
    p(base64:decode_to_string("aGVsbG8=")),
    p(base64:mime_decode(<<"Zm9v\r\nYmFy">>)),
    p(base64:mime_decode("Zm 9v YmFy")),
    p(base64:mime_decode_to_string(<<"aGVs!bG8=">>)),
    p(e(fun() -> base64:decode(<<"Zm9">>) end)),
    p(e(fun() -> base64:decode(<<"Z!9v">>) end)),
    All = list_to_binary(lists:seq(0, 255)),
    E = base64:encode(All),
    p(E),
    p(base64:decode(E) =:= All),
    p([base64:decode(base64:encode(binary:part(All, 0, N))) =:= binary:part(All, 0, N)
       || N <- lists:seq(0, 20)]),
    p(base64:encode(<<255, 254, 253>>)),
    p(base64:decode(<<"//79">>)),
    ok.
