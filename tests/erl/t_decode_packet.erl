%% erlang:decode_packet/3 with every packet type, whole, partial and
%% invalid inputs, the options, the HTTP terms (requests, responses,
%% headers known and unknown, continuation lines, URI forms, errors) and
%% the badarg cases; compared with erl.
-module(t_decode_packet).
-export([main/0]).

show(X) -> erlang:display(X).

dp(T, B) -> dp(T, B, []).
dp(T, B, O) ->
    try erlang:decode_packet(T, B, O) catch C:R -> {C, R} end.

main() ->
    framing(),
    formats(),
    lines(),
    http(),
    http_bin(),
    headers(),
    ssl(),
    badargs(),
    ok.

framing() ->
    [show(dp(T, B)) || T <- [raw, 0], B <- [<<>>, <<"abc">>]],
    [show(dp(1, B)) || B <- [<<>>, <<0>>, <<3, "ab">>, <<3, "abc">>, <<3, "abcdef">>]],
    [show(dp(2, B)) || B <- [<<0>>, <<0, 2>>, <<0, 2, "xy">>, <<0, 2, "xyz">>,
                             <<1, 0, "abc">>]],
    [show(dp(4, B)) || B <- [<<0, 0, 0>>, <<0, 0, 0, 1, "q">>, <<0, 0, 0, 3, "qq">>,
                             <<255, 255, 255, 255>>, <<127, 255, 255, 255>>,
                             <<127, 255, 255, 250, 1>>]],
    show(dp(1, <<5, "abcde">>, [{packet_size, 4}])),
    show(dp(1, <<4, "abcde">>, [{packet_size, 4}])),
    show(dp(2, <<0, 5, "abc">>, [{packet_size, 0}])),
    [show(dp(sunrm, B)) || B <- [<<0, 0>>, <<128, 0, 0, 2, "ab!">>, <<0, 0, 0, 3, "ab">>]],
    %% bitstrings: the extra bits go with the rest
    show(dp(1, <<2, "ab", 5:3>>)),
    show(dp(raw, <<"ab", 1:1>>)),
    show(dp(1, <<1, 2:6>>)).

formats() ->
    %% asn1: short and long lengths, long tags, indefinite, too long
    [show(dp(asn1, B)) || B <- [<<>>, <<16#30>>, <<16#30, 3, "abcd">>, <<16#30, 3, "ab">>,
                                <<16#30, 16#81, 2, "xyz">>, <<16#30, 16#82, 0>>,
                                <<16#30, 16#82, 0, 1, "z">>, <<16#30, 16#80, "rest">>,
                                <<16#1f, 16#81, 16#01, 2, "ab">>, <<16#1f, 16#81>>,
                                <<16#30, 16#85, 0, 0, 0, 0, 1>>, <<16#30, 16#84, 0, 0, 0, 2, "ab">>]],
    %% cdr: big and little endian sizes, bad magic
    [show(dp(cdr, B)) || B <- [<<"GIOP">>, <<"GIOP", 1, 0, 0, 0, 0, 0, 0, 2, "ab+">>,
                               <<"GIOP", 1, 0, 1, 0, 2, 0, 0, 0, "ab+">>,
                               <<"GIOX", 1, 0, 0, 0, 0, 0, 0, 2, "ab">>,
                               <<"GIOP", 1, 0, 0, 0, 0, 0, 0, 9, "ab">>]],
    %% fcgi: content plus padding; the padding is not in the body
    [show(dp(fcgi, B)) || B <- [<<1, 1, 0, 1>>, <<1, 1, 0, 1, 0, 3, 2, 0, "abcPP!">>,
                                <<2, 1, 0, 1, 0, 3, 2, 0, "abcPP">>,
                                <<1, 1, 0, 1, 0, 3, 2, 0, "abc">>]],
    %% tpkt: version 3, length includes the header
    [show(dp(tpkt, B)) || B <- [<<3, 0>>, <<3, 0, 0, 6, "ab", "rest">>, <<2, 0, 0, 6, "ab">>,
                                <<3, 0, 0, 2>>, <<3, 0, 0, 9, "ab">>]].

lines() ->
    [show(dp(line, B)) || B <- [<<>>, <<"abc">>, <<"abc\n">>, <<"ab\ncd\nef">>, <<"\n">>]],
    show(dp(line, <<"abcdef\nx">>, [{line_length, 3}])),
    show(dp(line, <<"abcdef">>, [{line_length, 3}])),
    show(dp(line, <<"ab">>, [{line_length, 3}])),
    show(dp(line, <<"abcdef\nx">>, [{packet_size, 4}])),
    show(dp(line, <<"abcdef">>, [{packet_size, 4}])),
    show(dp(line, <<"abc">>, [{packet_size, 4}])),
    show(dp(line, <<"ab;cd">>, [{line_delimiter, $;}])),
    show(dp(line, <<"ab\ncd;">>, [{line_delimiter, $;}, {line_length, 100}])),
    show(dp(line, <<"abc">>, [{packet_size, 4}, {packet_size, 0}])).

http() ->
    Reqs = [<<"GET / HTTP/1.1\r\n">>,
            <<"GET /index.html?q=1 HTTP/1.0\r\nHost: x\r\n">>,
            <<"POST http://www.example.com:8080/a/b?c HTTP/1.1\r\n">>,
            <<"PUT https://example.com HTTP/1.1\r\n">>,
            <<"HEAD HTTP://host:0/x HTTP/1.1\r\n">>,
            <<"DELETE http://host:12ab/x HTTP/1.1\r\n">>,
            <<"OPTIONS * HTTP/1.1\r\n">>,
            <<"TRACE ftp://files/x HTTP/1.1\r\n">>,
            <<"CONNECT server.example:443 HTTP/1.1\r\n">>,
            <<"get relative HTTP/1.1\r\n">>,
            <<"GET /old\r\n">>,
            <<"GET /x\n">>,
            <<"GET  /spaces   HTTP/1.1\r\n">>,
            <<"GET / HTTP/1\r\n">>,
            <<"GET / HTTP/x.1\r\n">>,
            <<"GET / XTTP/1.1\r\n">>,
            <<"GET / HTTP/1.\r\n">>,
            <<"GET\r\n">>,
            <<"\r\n">>,
            <<"\n">>,
            <<"GET / HTTP/1.1">>,
            <<"GET / HTTP/1.1\r">>,
            <<"M(X) / HTTP/1.1\r\n">>,
            <<"HTTP/1.1 200 OK\r\n">>,
            <<"HTTP/1.0 404 Not Found\r\nServer: x\r\n">>,
            <<"HTTP/1.1 204\r\n">>,
            <<"HTTP/1.1 200  Spaced  Reason \r\n">>,
            <<"HTTP/2.0 abc\r\n">>,
            <<"HTTP/1.1200 OK\r\n">>,
            <<"HTTP/1 200 OK\r\n">>,
            <<"HTTP/1.1 200OK\r\n">>],
    [show(dp(http, B)) || B <- Reqs],
    show(dp(http, <<"GET / HTTP/1.1\r\n">>, [{packet_size, 10}])),
    show(dp(http, <<"GET / HTTP/1.1">>, [{packet_size, 10}])),
    show(dp(http, <<"GET / HTTP/1.1">>, [{line_length, 10}])),
    show(dp(http, <<"GET / HTTP/1.1\r\n">>, [{line_length, 10}, {packet_size, 100}])).

http_bin() ->
    [show(dp(http_bin, B)) || B <- [<<"GET /a HTTP/1.1\r\n">>,
                                    <<"FOO http://h:81/p HTTP/1.1\r\n">>,
                                    <<"HTTP/1.1 500 Internal Server Error\r\n">>,
                                    <<"BREW urn:coffee HTTP/1.1\r\n">>,
                                    <<"bad\r\n">>]],
    [show(dp(httph_bin, B)) || B <- [<<"Content-Length: 42\r\n">>,
                                     <<"x-custom-header: v\r\n">>,
                                     <<"\r\n">>]].

headers() ->
    Hs = [<<"Content-Type: text/html\r\n">>,
          <<"content-type:text/plain\r\nX: y\r\n">>,
          <<"CONTENT-LENGTH: 10\r\n">>,
          <<"Host:   example.com  \r\n">>,
          <<"X-Forwarded-For: 1.2.3.4\r\n">>,
          <<"x-my-header: value\r\n">>,
          <<"WWW-Authenticate: Basic\r\n">>,
          <<"Set-Cookie2: a=b\r\n">>,
          <<"Content-MD5: abc\r\n">>,
          <<"ETag: \"x\"\r\n">>,
          <<"Cache-Control: no-cache\r\n">>,
          <<"Proxy-Connection: close\r\n">>,
          <<"Folded: a\r\n b\r\n\tc\r\nNext: d\r\n">>,
          <<"Folded: a\r\n b\r\n">>,
          <<"Folded: a\r\n">>,
          <<"Empty:\r\n">>,
          <<"NoColon\r\n">>,
          <<"Bad Name: x\r\n">>,
          <<": novalue\r\n">>,
          <<"Name\r\n">>,
          <<"\r\n">>,
          <<"\n">>,
          <<"\r\nrest">>,
          <<"Content-Type: x">>,
          <<"A-Very-Long-Header-Name-That-Goes-On-And-On-Beyond-Fifty-Chars: v\r\n">>,
          <<"exactly-fifty-characters-long-header-name-abcdefgh: v\r\n">>,
          <<"a-b--c-D: v\r\n">>,
          <<"-lead: v\r\n">>],
    [show(dp(httph, B)) || B <- Hs],
    show(dp(httph, <<"Host: x\r\n">>, [{packet_size, 5}])),
    show(dp(httph, <<"Host: x">>, [{packet_size, 5}])),
    show(dp(httph, <<"Host: x\r\n y\r\n">>, [{packet_size, 12}])),
    %% every known header atom and its index
    Known = ["Cache-Control", "Connection", "Date", "Pragma", "Transfer-Encoding",
             "Upgrade", "Via", "Accept", "Accept-Charset", "Accept-Encoding",
             "Accept-Language", "Authorization", "From", "Host", "If-Modified-Since",
             "If-Match", "If-None-Match", "If-Range", "If-Unmodified-Since",
             "Max-Forwards", "Proxy-Authorization", "Range", "Referer", "User-Agent",
             "Age", "Location", "Proxy-Authenticate", "Public", "Retry-After", "Server",
             "Vary", "Warning", "Www-Authenticate", "Allow", "Content-Base",
             "Content-Encoding", "Content-Language", "Content-Length",
             "Content-Location", "Content-Md5", "Content-Range", "Content-Type", "Etag",
             "Expires", "Last-Modified", "Accept-Ranges", "Set-Cookie", "Set-Cookie2",
             "X-Forwarded-For", "Cookie", "Keep-Alive", "Proxy-Connection",
             "Not-Known", "Keep-alive"],
    show([begin
              {ok, {http_header, I, N, _, _}, _} =
                  erlang:decode_packet(httph, list_to_binary([string:lowercase(K), ": v\r\nX: y\r\n"]), []),
              {I, N}
          end || K <- Known]).

ssl() ->
    [show(dp(ssl_tls, B)) || B <- [<<22, 3, 1>>, <<22, 3, 3, 0, 3, "abc", "more">>,
                                   <<23, 3, 3, 0, 5, "ab">>,
                                   <<128, 7, 1, 3, 1, "abcd">>,
                                   <<128, 2, 1, 3, 1>>]].

badargs() ->
    [show(dp(T, <<"x">>)) || T <- [3, 5, -1, foo, "http", 1.0, http_bins]],
    show(dp(raw, "abc")),
    show(dp(raw, abc)),
    show(dp(raw, <<"x">>, foo)),
    show(dp(raw, <<"x">>, [foo])),
    show(dp(raw, <<"x">>, [{packet_size, -1}])),
    show(dp(raw, <<"x">>, [{packet_size, 1 bsl 32}])),
    show(dp(raw, <<"x">>, [{packet_size, 1 bsl 32 - 1}])),
    show(dp(raw, <<"x">>, [{packet_size, foo}])),
    show(dp(raw, <<"x">>, [{packet_size, 1, 2}])),
    show(dp(raw, <<"x">>, [{other, 1}])),
    show(dp(raw, <<"x">>, [{line_delimiter, $;}])),
    show(dp(line, <<"x">>, [{line_delimiter, 256}])),
    show(dp(line, <<"x;">>, [{line_delimiter, 59}])).
%% (An improper options list such as [{packet_size, 1} | bad] crashes
%% erl's emulator itself, so it is not tested.)
