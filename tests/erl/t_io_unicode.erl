%% Unicode: ~ts ~tp ~tc, code points above 255 on a latin1 stdout, latin1
%% characters, unicode binaries.
-module(t_io_unicode).
-export([main/0]).
main() ->
    io:format("~ts~n", [[955, $a, 233]]),
    io:format("~ts~n", [<<"λx"/utf8>>]),
    io:format("~s~n", [[233, 246]]),
    io:format("~p ~tp~n", [[955], [955]]),
    io:format("~p~n", [<<"λ"/utf8>>]),
    io:format("~tp~n", [<<"λ"/utf8>>]),
    io:format("~tc~c~n", [955, 233]),
    io:put_chars([955, 10]),
    io:put_chars(<<"é\n"/utf8>>),
    io:put_chars(unicode:characters_to_binary([955, 10])),
    io:format("~p~n", [unicode:characters_to_list(<<"aλb"/utf8>>)]),
    io:format("~p~n", [unicode:characters_to_binary([1, 2, [3, 16#110000, 4], 5])]),
    io:format("~p~n", [unicode:characters_to_binary([1, <<2, 255, 3>>, 5])]),
    io:format("~p~n", [unicode:characters_to_binary([1, <<2, 16#e2, 16#82>>])]),
    io:format("~p~n", [unicode:characters_to_binary([955, 300], unicode, latin1)]),
    io:format("~p~n", [unicode:characters_to_list([<<255>>], latin1)]),
    io:format("~p~n", [catch unicode:characters_to_binary([a])]),
    ok.
