%% A Markdown-subset to HTML converter over binaries: headings, emphasis,
%% code spans, links, ordered/unordered lists, block quotes, fenced code
%% with HTML escaping, tables; also builds a table of contents with slugs.
-module(t_app_markdown).
-export([main/0]).

main() ->
    Doc = <<"# Girder *Manual*\n"
            "\n"
            "Girder is a **BEAM** VM with a `JIT`. See [the docs](https://example.org/docs?a=1&b=2).\n"
            "Special chars: <tag> & \"quotes\".\n"
            "\n"
            "## Install & Run\n"
            "\n"
            "1. Build with `cargo build`\n"
            "2. Run **tests**\n"
            "3. Profit\n"
            "\n"
            "- item *one*\n"
            "- item **two**\n"
            "- item `three`\n"
            "\n"
            "> A quote with *style*\n"
            "> spanning lines\n"
            "\n"
            "```erlang\n"
            "main() -> io:format(\"<~p>~n\", [1 & 2]).\n"
            "```\n"
            "\n"
            "### Table\n"
            "\n"
            "| name | value |\n"
            "|------|-------|\n"
            "| a    | 1     |\n"
            "| b*   | `x<y` |\n"
            "\n"
            "## Ünïcödé heading ✓\n"
            "Trailing paragraph with a [link](/x) and ***both***.\n"/utf8>>,
    Lines = binary:split(Doc, <<"\n">>, [global]),
    Blocks = blocks(Lines, []),
    io:format("~b lines, ~b blocks: ~p~n", [length(Lines), length(Blocks), [element(1, B) || B <- Blocks]]),
    Html = iolist_to_binary([render(B) || B <- Blocks]),
    io:format("~ts~n", [Html]),
    Toc = [{L, T, slug(T)} || {heading, L, T} <- Blocks],
    io:format("toc:~n"),
    [io:format("~s- [~ts](#~ts)~n", [lists:duplicate(2 * (L - 1), $\s), strip_md(T), S]) || {L, T, S} <- Toc],
    io:format("html size ~b bytes, ~b tags~n", [byte_size(Html), length(binary:matches(Html, <<"<">>))]),
    ok.

%% ---------------------------------------------------------------- block level
blocks([], Acc) -> lists:reverse(Acc);
blocks([<<>> | R], Acc) -> blocks(R, Acc);
blocks([<<"```", Lang/binary>> | R], Acc) ->
    {Code, [_ | R1]} = lists:splitwith(fun(L) -> L =/= <<"```">> end, R),
    blocks(R1, [{code, Lang, Code} | Acc]);
blocks([<<"#", _/binary>> = L | R], Acc) ->
    {Hashes, Rest} = count_prefix(L, $#, 0),
    blocks(R, [{heading, Hashes, string:trim(Rest)} | Acc]);
blocks([<<"> ", _/binary>> | _] = Ls, Acc) ->
    {Q, R} = lists:splitwith(fun(<<"> ", _/binary>>) -> true; (_) -> false end, Ls),
    blocks(R, [{quote, [T || <<"> ", T/binary>> <- Q]} | Acc]);
blocks([<<"- ", _/binary>> | _] = Ls, Acc) ->
    {Items, R} = lists:splitwith(fun(<<"- ", _/binary>>) -> true; (_) -> false end, Ls),
    blocks(R, [{ul, [T || <<"- ", T/binary>> <- Items]} | Acc]);
blocks([<<"|", _/binary>> | _] = Ls, Acc) ->
    {Rows, R} = lists:splitwith(fun(<<"|", _/binary>>) -> true; (_) -> false end, Ls),
    [Head, _Sep | Body] = [cells(Row) || Row <- Rows],
    blocks(R, [{table, Head, Body} | Acc]);
blocks([L | R] = Ls, Acc) ->
    case re:run(L, "^\\d+\\. ", [{capture, none}]) of
        match ->
            {Items, R1} = lists:splitwith(fun(X) -> re:run(X, "^\\d+\\. ", [{capture, none}]) =:= match end, Ls),
            blocks(R1, [{ol, [re:replace(I, "^\\d+\\. ", "", [{return, binary}]) || I <- Items]} | Acc]);
        nomatch ->
            {Para, R1} = lists:splitwith(fun(X) -> X =/= <<>> andalso not special(X) end, R),
            blocks(R1, [{p, [L | Para]} | Acc])
    end.

special(<<C, _/binary>>) -> lists:member(C, "#>|`-");
special(_) -> false.

count_prefix(<<C, R/binary>>, C, N) -> count_prefix(R, C, N + 1);
count_prefix(R, _, N) -> {N, R}.

cells(Row) ->
    Parts = binary:split(Row, <<"|">>, [global]),
    [string:trim(P) || P <- lists:droplast(tl(Parts))].

%% ---------------------------------------------------------------- rendering
render({heading, L, T}) -> [tag(["h", integer_to_list(L), " id=\"", slug(T), "\""], inline(T), ["h", integer_to_list(L)]), $\n];
render({p, Ls}) -> ["<p>", lists:join("\n", [inline(L) || L <- Ls]), "</p>\n"];
render({ul, Items}) -> ["<ul>\n", [["  <li>", inline(I), "</li>\n"] || I <- Items], "</ul>\n"];
render({ol, Items}) -> ["<ol>\n", [["  <li>", inline(I), "</li>\n"] || I <- Items], "</ol>\n"];
render({quote, Ls}) -> ["<blockquote>", lists:join(" ", [inline(L) || L <- Ls]), "</blockquote>\n"];
render({code, Lang, Ls}) ->
    ["<pre><code class=\"language-", Lang, "\">", lists:join("\n", [escape(L) || L <- Ls]), "</code></pre>\n"];
render({table, Head, Body}) ->
    ["<table>\n  <tr>", [["<th>", inline(H), "</th>"] || H <- Head], "</tr>\n",
     [["  <tr>", [["<td>", inline(C), "</td>"] || C <- Row], "</tr>\n"] || Row <- Body], "</table>\n"].

tag(Open, Body, Close) -> ["<", Open, ">", Body, "</", Close, ">"].

escape(B) ->
    lists:foldl(fun({From, To}, Acc) -> binary:replace(Acc, From, To, [global]) end, B,
                [{<<"&">>, <<"&amp;">>}, {<<"<">>, <<"&lt;">>}, {<<">">>, <<"&gt;">>}, {<<"\"">>, <<"&quot;">>}]).

inline(T) ->
    E = escape(T),
    Steps = [{"`([^`]+)`", "<code>\\1</code>"},
             {"\\*\\*\\*([^*]+)\\*\\*\\*", "<strong><em>\\1</em></strong>"},
             {"\\*\\*([^*]+)\\*\\*", "<strong>\\1</strong>"},
             {"\\*([^*]+)\\*", "<em>\\1</em>"},
             {"\\[([^\\]]+)\\]\\(([^)]+)\\)", "<a href=\"\\2\">\\1</a>"}],
    lists:foldl(fun({Re, Rep}, Acc) -> re:replace(Acc, Re, Rep, [global, unicode, {return, binary}]) end, E, Steps).

strip_md(T) -> re:replace(T, "[*`]", "", [global, unicode, {return, binary}]).

slug(T) ->
    Lower = string:lowercase(unicode:characters_to_list(strip_md(T))),
    Kept = [case C of $\s -> $-; _ -> C end || C <- Lower,
                                              C =:= $\s orelse C =:= $- orelse (C >= $a andalso C =< $z)
                                                  orelse (C >= $0 andalso C =< $9) orelse C > 127],
    unicode:characters_to_binary(string:trim(Kept, both, "-")).
