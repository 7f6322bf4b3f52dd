%% The binary module and string functions on binaries: split/replace/
%% matches/match with options, part, at, first/last, copy, longest
%% common prefix/suffix, encode_unsigned/decode_unsigned, hex encoding.
-module(t_str_binary_ops).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    B = <<"the cat sat on the mat">>,
    p(binary:split(B, <<" ">>)),
    p(binary:split(B, <<" ">>, [global])),
    p(binary:split(B, [<<"at">>, <<"on">>], [global])),
    p(binary:split(<<",a,,b,">>, <<",">>, [global, trim])),
    p(binary:split(<<",a,,b,">>, <<",">>, [global, trim_all])),
    p(binary:split(B, <<" ">>, [{scope, {4, 10}}])),
    p(binary:replace(B, <<"at">>, <<"og">>)),
    p(binary:replace(B, <<"at">>, <<"og">>, [global])),
    p(binary:replace(B, <<"at">>, <<"[]">>, [global, {insert_replaced, 1}])),
    p(binary:matches(B, <<"at">>)),
    p(binary:matches(B, [<<"the">>, <<"t">>])),
    p(binary:match(B, <<"sat">>)),
    p(binary:match(B, <<"dog">>)),
    p(binary:match(B, [<<"on">>, <<"sat on">>])),
    p({binary:part(B, 4, 3), binary:part(B, {byte_size(B), -3})}),
    p({binary:at(B, 0), binary:first(B), binary:last(B)}),
    p(binary:copy(<<"ab">>, 4)),
    p(binary:longest_common_prefix([<<"interview">>, <<"internet">>, <<"interval">>])),
    p(binary:longest_common_suffix([<<"testing">>, <<"running">>])),
    p({binary:encode_unsigned(256), binary:encode_unsigned(256, little), binary:decode_unsigned(<<1, 0>>)}),
    p(binary:decode_unsigned(<<1, 2, 3, 4, 5, 6, 7, 8, 9>>)),
    p(binary:encode_hex(<<"hello">>)),
    p(binary:decode_hex(<<"68656C6C6F">>)),
    p(binary:bin_to_list(B, {4, 3})),
    p(binary:referenced_byte_size(binary:part(B, 0, 3)) >= 3),
    p(string:uppercase(B)),
    p(string:split(B, " ", all)),
    p(string:find(B, "sat")),
    p(string:lexemes(B, " ")),
    p(string:slice(B, 4, 3)),
    p(string:length(B)),
    p(catch binary:part(B, 20, 10)),
    p(catch binary:split(B, <<>>)),
    ok.
