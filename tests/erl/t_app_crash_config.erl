%% An INI-style configuration loader: sections, typed values, includes
%% resolved from an in-memory "filesystem" map, validation against a
%% schema. Results are printed with erlang:display; the final load hits
%% an include cycle and the thrown error escapes main (nocatch).
-module(t_app_crash_config).
-export([main/0]).

main() ->
    Fs = #{"main.ini" => "# main config\n[server]\nhost = example.org\nport = 8080\n"
                         "debug = true\n\n[limits]\nmax_conn = 512\nratio = 0.75\n"
                         "include limits_extra.ini\n",
           "limits_extra.ini" => "[limits]\ntimeout = 30\nnames = a, b ,c\n",
           "bad_type.ini" => "[server]\nport = eighty\n",
           "cycle_a.ini" => "[x]\nk = 1\ninclude cycle_b.ini\n",
           "cycle_b.ini" => "[y]\ninclude cycle_a.ini\n"},
    Cfg = load("main.ini", Fs),
    erlang:display({sections, lists:sort(maps:keys(Cfg))}),
    erlang:display({server, lists:sort(maps:to_list(maps:get(server, Cfg)))}),
    erlang:display({limits, lists:sort(maps:to_list(maps:get(limits, Cfg)))}),
    erlang:display({validated, validate(Cfg, schema())}),
    erlang:display({get, get([server, port], Cfg), get([limits, names], Cfg), get([nope, x], Cfg)}),
    erlang:display({bad_type, catch validate(load("bad_type.ini", Fs), schema())}),
    erlang:display({missing_file, catch load("nope.ini", Fs)}),
    erlang:display({loading, "cycle_a.ini"}),
    load("cycle_a.ini", Fs).

schema() ->
    #{server => #{host => string, port => {int, 1, 65535}, debug => bool},
      limits => #{max_conn => {int, 1, 10000}, ratio => float, timeout => {int, 0, 3600}, names => list}}.

load(File, Fs) -> load(File, Fs, []).

load(File, Fs, Stack) ->
    case lists:member(File, Stack) of
        true -> throw({include_cycle, lists:reverse([File | Stack])});
        false -> ok
    end,
    Text = case maps:find(File, Fs) of
               {ok, T} -> T;
               error -> throw({enoent, File})
           end,
    Lines = string:split(Text, "\n", all),
    {Cfg, _} = lists:foldl(fun(L, Acc) -> line(string:trim(L), Acc, Fs, [File | Stack]) end, {#{}, none}, Lines),
    Cfg.

line("", Acc, _, _) -> Acc;
line("#" ++ _, Acc, _, _) -> Acc;
line("[" ++ Rest, {Cfg, _}, _, _) ->
    Name = list_to_atom(string:trim(Rest, trailing, "]")),
    {maps:merge(#{Name => #{}}, Cfg), Name};
line("include " ++ F, {Cfg, Sec}, Fs, Stack) ->
    Sub = load(string:trim(F), Fs, Stack),
    {maps:fold(fun(S, Kv, C) -> maps:update_with(S, fun(Old) -> maps:merge(Old, Kv) end, Kv, C) end, Cfg, Sub), Sec};
line(L, {Cfg, Sec}, _, _) ->
    [K, V] = [string:trim(X) || X <- string:split(L, "=")],
    {maps:update_with(Sec, fun(M) -> M#{list_to_atom(K) => V} end, Cfg), Sec}.

validate(Cfg, Schema) ->
    maps:map(fun(Sec, Fields) ->
                     Vals = maps:get(Sec, Cfg, #{}),
                     maps:map(fun(K, Type) ->
                                      case maps:find(K, Vals) of
                                          {ok, V} -> convert(Sec, K, Type, V);
                                          error -> undefined
                                      end
                              end, Fields)
             end, Schema).

convert(_, _, string, V) -> V;
convert(S, K, bool, V) ->
    case V of "true" -> true; "false" -> false; _ -> throw({bad_value, S, K, V}) end;
convert(S, K, float, V) ->
    case string:to_float(V) of {F, ""} -> F; _ -> throw({bad_value, S, K, V}) end;
convert(S, K, {int, Lo, Hi}, V) ->
    case string:to_integer(V) of
        {I, ""} when I >= Lo, I =< Hi -> I;
        {I, ""} -> throw({out_of_range, S, K, I});
        _ -> throw({bad_value, S, K, V})
    end;
convert(_, _, list, V) -> [string:trim(X) || X <- string:lexemes(V, ",")].

get([], V) -> V;
get([K | Ks], M) when is_map(M) ->
    case maps:find(K, M) of
        {ok, V} -> get(Ks, V);
        error -> undefined
    end.
