%% uri_string (parse/recompose/normalize/resolve/query helpers) and
%% filename (join/split/basename/dirname/extension/rootname/absname
%% pieces that do not depend on the working directory).
-module(t_std_uri_filename).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    U = "https://user@example.com:8080/a/b/../c?q=1&r=x%20y#frag",
    M = uri_string:parse(U),
    p(lists:sort(maps:to_list(M))),
    p(uri_string:recompose(M)),
    p(uri_string:normalize(U)),
    p(uri_string:normalize("HTTP://Example.COM:80/%7Efoo/./bar")),
    p(uri_string:parse(<<"foo://bar/baz">>)),
    p(uri_string:parse("mailto:someone@example.org")),
    p(uri_string:parse("/relative/path?x")),
    p(uri_string:parse("http://[::1]:80/")),
    p(uri_string:parse("ht tp://bad")),
    p(uri_string:resolve("../d?z", "http://h/a/b/c")),
    p(uri_string:resolve("//other/x", "http://h/a")),
    p(uri_string:dissect_query("a=1&b=hello%20world&c")),
    p(uri_string:compose_query([{"a", "1"}, {"b", "x y"}, {"c", true}])),
    p(uri_string:compose_query([{<<"k">>, <<"v&w">>}])),
    p(uri_string:transcode(<<"foo%00bar">>, [{in_encoding, utf8}, {out_encoding, utf16}])),
    p(uri_string:quote("a b/c")),
    p(uri_string:unquote("a%20b%2Fc")),
    p(uri_string:allowed_characters() =/= []),
    %% filename
    p(filename:join(["usr", "local", "bin"])),
    p(filename:join("/a/b", "../c")),
    p(filename:join(["/a", "/b"])),
    p(filename:split("/usr/local/bin/erl")),
    p(filename:split(<<"a/b//c/">>)),
    p({filename:basename("/a/b/c.tar.gz"), filename:basename("/a/b/c.erl", ".erl")}),
    p({filename:dirname("/a/b/c"), filename:dirname("c"), filename:dirname("/")}),
    p({filename:extension("x.tar.gz"), filename:extension("noext"), filename:extension(".hidden")}),
    p({filename:rootname("a/b.erl"), filename:rootname("a/b.erl", ".erl"), filename:rootname("a/b.beam", ".erl")}),
    p(filename:absname("x", "/base/dir")),
    p(filename:absname_join("/base", "rel/file")),
    p(filename:pathtype("/abs")), p(filename:pathtype("rel")),
    p(filename:flatten([a, "b", [<<"c">>]])),
    p(filename:nativename("/a/b/")),
    p(filename:basename(<<"/x/y.bin">>)),
    ok.
