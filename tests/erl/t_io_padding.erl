%% Field width, precision, padding characters and adjustment.
-module(t_io_padding).
-export([main/0]).
main() ->
    io:format("[~10s][~-10s][~.2s][~10.2s]~n", ["abc", "abc", "abc", "abc"]),
    io:format("[~10w][~-10w][~10p]~n", [abc, {1, 2}, "x"]),
    io:format("[~5b][~-5b][~5.10.0b][~.10.*b]~n", [42, 42, 42, $#, 42]),
    io:format("[~*s][~-*s]~n", [6, "ab", 6, "cd"]),
    io:format("[~10.4.*f]~n", [$_, 3.14159]),
    io:format("[~3s]~n", ["toolong"]),
    io:format("[~10c][~-3c]~n", [$x, $y]),
    io:format("[~.3p]~n", [atom]),
    ok.
