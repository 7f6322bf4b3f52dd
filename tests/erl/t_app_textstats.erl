%% Text statistics over a generated multilingual text: word frequencies
%% with string:lexemes, case folding, unicode normalization and
%% grapheme-aware lengths, n-grams, and a formatted report.
-module(t_app_textstats).
-export([main/0]).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    Words = [<<"the"/utf8>>, <<"quick"/utf8>>, <<"brown"/utf8>>, <<"fox"/utf8>>, <<"jumps"/utf8>>,
             <<"über"/utf8>>, <<"café"/utf8>>, <<"naïve"/utf8>>, <<"Straße"/utf8>>, <<"日本語"/utf8>>,
             <<"данные"/utf8>>, <<"λόγος"/utf8>>, <<"The"/utf8>>, <<"CAFÉ"/utf8>>, <<"x"/utf8>>],
    N = tuple_size(list_to_tuple(Words)),
    Text = unicode:characters_to_binary(
             lists:join(" ", [case rand:uniform(10) of
                                  1 -> [lists:nth(rand:uniform(N), Words), ","];
                                  2 -> [lists:nth(rand:uniform(N), Words), ".\n"];
                                  _ -> lists:nth(rand:uniform(N), Words)
                              end || _ <- lists:seq(1, 400)])),
    io:format("bytes ~b, chars ~b, graphemes ~b~n",
              [byte_size(Text), length(unicode:characters_to_list(Text)), string:length(Text)]),
    Lines = string:split(Text, "\n", all),
    io:format("lines ~b, longest line ~b chars~n",
              [length(Lines), lists:max([string:length(L) || L <- Lines])]),
    Tokens = string:lexemes(Text, " ,.\n"),
    io:format("tokens ~b, first five ~ts~n", [length(Tokens), lists:join("|", lists:sublist(Tokens, 5))]),
    Folded = [string:casefold(T) || T <- Tokens],
    Freq = lists:foldl(fun(W, M) -> maps:update_with(W, fun(C) -> C + 1 end, 1, M) end, #{}, Folded),
    Sorted = lists:sort(fun({A, CA}, {B, CB}) -> {CB, A} =< {CA, B} end, maps:to_list(Freq)),
    io:format("~ts~n", [string:pad("word", 12) ++ "  count  share  bar"]),
    Total = length(Tokens),
    lists:foreach(fun({W, C}) ->
                          io:format("~ts  ~5b  ~5.1f  ~ts~n",
                                    [string:pad(W, 12), C, 100 * C / Total, lists:duplicate(C div 3, $*)])
                  end, Sorted),
    %% character classes
    Chars = unicode:characters_to_list(Text),
    Classes = lists:foldl(fun(C, M) -> maps:update_with(class(C), fun(X) -> X + 1 end, 1, M) end, #{}, Chars),
    io:format("classes: ~p~n", [lists:sort(maps:to_list(Classes))]),
    %% bigrams
    Bigrams = lists:foldl(fun(P, M) -> maps:update_with(P, fun(X) -> X + 1 end, 1, M) end, #{},
                          lists:zip(lists:droplast(Folded), tl(Folded))),
    TopBi = lists:sublist(lists:reverse(lists:keysort(2, lists:sort(maps:to_list(Bigrams)))), 5),
    [io:format("bigram ~ts ~ts: ~b~n", [A, B, C]) || {{A, B}, C} <- TopBi],
    %% transforms, now with a unicode-capable standard output
    ok = io:setopts([{encoding, unicode}]),
    io:format("encoding: ~p~n", [proplists:get_value(encoding, io:getopts())]),
    Sample = <<"Straße café ÜBER naïve λόγος"/utf8>>,
    io:format("upper: ~ts~nlower: ~ts~ntitle: ~ts~n",
              [string:uppercase(Sample), string:lowercase(Sample), string:titlecase(Sample)]),
    io:format("reverse: ~ts~n", [string:reverse(Sample)]),
    io:format("nfd length ~b vs nfc ~b~n",
              [length(unicode:characters_to_nfd_list(Sample)), length(unicode:characters_to_nfc_list(Sample))]),
    io:format("slice: ~ts / find: ~ts~n", [string:slice(Sample, 7, 4), string:find(Sample, "ÜBER")]),
    io:format("replace: ~ts~n", [string:replace(Sample, " ", "_", all)]),
    io:format("utf16 bytes ~b, utf32 bytes ~b~n",
              [byte_size(unicode:characters_to_binary(Sample, utf8, utf16)),
               byte_size(unicode:characters_to_binary(Sample, utf8, utf32))]),
    io:format("latin1 attempt: ~p~n", [unicode:characters_to_binary(Sample, utf8, latin1)]),
    io:format("widest word: ~ts~n", [element(2, lists:max([{string:length(W), W} || W <- maps:keys(Freq)]))]),
    ok.

class(C) when C >= $a, C =< $z; C >= $A, C =< $Z -> ascii_letter;
class(C) when C =:= $\s; C =:= $\n -> space;
class(C) when C =:= $,; C =:= $. -> punct;
class(C) when C >= 16#3040, C =< 16#9FFF -> cjk;
class(C) when C >= 16#0370, C =< 16#03FF -> greek;
class(C) when C >= 16#0400, C =< 16#04FF -> cyrillic;
class(_) -> other.
