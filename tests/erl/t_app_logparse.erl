%% A regex-driven log analyser: parses Apache-style access log lines and
%% key=value application logs with re:run (named captures), aggregates
%% with maps, redacts secrets with re:replace and splits with re:split.
-module(t_app_logparse).
-export([main/0]).

main() ->
    Access = [
        "127.0.0.1 - frank [10/Oct/2023:13:55:36 +0200] \"GET /index.html HTTP/1.1\" 200 2326",
        "10.0.0.7 - - [10/Oct/2023:13:56:01 +0200] \"POST /api/login HTTP/1.1\" 401 112",
        "10.0.0.7 - - [10/Oct/2023:13:56:09 +0200] \"POST /api/login HTTP/1.1\" 200 87",
        "192.168.1.20 - alice [10/Oct/2023:14:01:12 +0200] \"GET /img/logo.png HTTP/2.0\" 304 0",
        "garbage line that does not parse",
        "10.0.0.7 - bob [10/Oct/2023:14:02:44 +0200] \"DELETE /api/items/42 HTTP/1.1\" 500 17",
        "127.0.0.1 - frank [10/Oct/2023:14:05:00 +0200] \"GET /index.html?lang=de HTTP/1.1\" 200 2410",
        "192.168.1.20 - alice [10/Oct/2023:15:10:59 +0200] \"GET /api/items HTTP/1.1\" 200 15872"
    ],
    {ok, Re} = re:compile("^(?<ip>\\d+(?:\\.\\d+){3}) \\S+ (?<user>\\S+) \\[(?<ts>[^\\]]+)\\] "
                          "\"(?<method>[A-Z]+) (?<path>\\S+) (?<proto>[^\"]+)\" (?<status>\\d{3}) (?<bytes>\\d+)$"),
    {namelist, Names} = re:inspect(Re, namelist),
    io:format("capture names: ~p~n", [Names]),
    Parsed = [parse_access(Re, L) || L <- Access],
    [io:format("~p~n", [P]) || P <- Parsed],
    Ok = [P || {ok, P} <- Parsed],
    ByStatus = count(fun(#{status := S}) -> S div 100 * 100 end, Ok),
    io:format("by status class: ~p~n", [lists:sort(maps:to_list(ByStatus))]),
    ByIp = count(fun(#{ip := I}) -> I end, Ok),
    io:format("by ip: ~p~n", [lists:reverse(lists:keysort(2, lists:sort(maps:to_list(ByIp))))]),
    Bytes = lists:foldl(fun(#{path := P, bytes := B}, M) ->
                                [Base | _] = string:split(P, "?"),
                                maps:update_with(Base, fun(X) -> X + B end, B, M)
                        end, #{}, Ok),
    [io:format("~-20s ~8b~n", [P, B]) || {P, B} <- lists:sort(maps:to_list(Bytes))],
    Hours = count(fun(#{ts := Ts}) -> {match, [H]} = re:run(Ts, ":(\\d\\d):", [{capture, all_but_first, list}]), H end, Ok),
    io:format("per hour: ~p~n", [lists:sort(maps:to_list(Hours))]),
    %% key=value logs
    App = [
        <<"ts=2023-10-10T13:00:01Z level=info msg=\"server started\" port=8080">>,
        <<"ts=2023-10-10T13:00:05Z level=debug user=alice password=hunter2 token=abc.def.ghi">>,
        <<"ts=2023-10-10T13:01:00Z level=warn msg=\"slow query\" duration_ms=1532 table=orders">>,
        <<"ts=2023-10-10T13:02:13Z level=error msg=\"db down\" retry=3 api_key=ZXhhbXBsZQ==">>
    ],
    lists:foreach(fun(L) ->
                          KVs = kv(L),
                          io:format("~s | ~p~n", [maps:get(<<"level">>, KVs, <<"?">>),
                                                  lists:sort(maps:to_list(maps:remove(<<"ts">>, KVs)))]),
                          io:format("  redacted: ~s~n", [redact(L)])
                  end, App),
    io:format("split: ~p~n", [re:split("a1b22c333d", "\\d+", [{return, list}, trim])]),
    io:format("split parts: ~p~n", [re:split(<<"k1=v1;k2=v2;;k3=v3">>, <<";">>, [{parts, 3}])]),
    io:format("global: ~p~n", [re:run("x=1, y=22, z=333", "(\\w)=(\\d+)", [global, {capture, all_but_first, list}])]),
    io:format("replace fn-like: ~s~n", [re:replace("2023-10-10", "(\\d+)-(\\d+)-(\\d+)", "\\3/\\2/\\1", [{return, list}])]),
    io:format("unicode: ~p~n", [re:run(<<"naïve café"/utf8>>, "\\w+", [unicode, global, {capture, all, binary}])]),
    io:format("bad regex: ~p~n", [re:compile("(unclosed")]),
    ok.

parse_access(Re, Line) ->
    case re:run(Line, Re, [{capture, all_names, list}]) of
        {match, [Bytes, Ip, Method, Path, Proto, Status, Ts, User]} ->
            {ok, #{ip => Ip, user => case User of "-" -> anonymous; U -> U end, ts => Ts, method => list_to_atom(string:lowercase(Method)),
                   path => Path, proto => Proto, status => list_to_integer(Status), bytes => list_to_integer(Bytes)}};
        nomatch -> {error, {unparsed, lists:sublist(Line, 20)}}
    end.

count(F, L) -> lists:foldl(fun(X, M) -> maps:update_with(F(X), fun(N) -> N + 1 end, 1, M) end, #{}, L).

kv(Line) ->
    {match, Ms} = re:run(Line, "(\\w+)=(\"[^\"]*\"|\\S+)", [global, {capture, all_but_first, binary}]),
    maps:from_list([{K, unquote(V)} || [K, V] <- Ms]).

unquote(<<"\"", R/binary>>) -> binary:part(R, 0, byte_size(R) - 1);
unquote(V) -> V.

redact(L) ->
    re:replace(L, "(password|token|api_key)=\\S+", "\\1=***", [global, {return, binary}]).
