-module(arc_main).
%% The main module of the archive and beam escripts that
%% tests/escript_cases.sh builds: a second module and a priv file read
%% from the archive, the script's name, code:which of archived modules.
-export([main/1]).

main(["crash"]) ->
    arc_helper:boom();
main(Args) ->
    io:format("args ~p~n", [Args]),
    io:format("helper ~p~n", [catch arc_helper:double(21)]),
    io:format("which ~p~n", [strip(code:which(arc_helper))]),
    io:format("name ~s~n", [filename:basename(escript:script_name())]),
    {ok, Sections} = escript:extract(escript:script_name(), []),
    io:format("sections ~p~n", [[K || {K, _} <- Sections]]),
    io:format("loaded ~p~n", [code:is_loaded(arc_main) =/= false]).

%% code:which of an archived module is a path inside the script file.
strip(Path) when is_list(Path) -> filename:basename(filename:dirname(Path)) ++ "/" ++ filename:basename(Path);
strip(Other) -> Other.
