%% Binary construction failures carry an error_info cause in the failing
%% frame: {error_info, #{cause => {SegNo, Type, Error, Value},
%% function => format_bs_fail, module => erl_erts_errors}}, which
%% erl_error:format_exception turns into "segment N of type T: ...".
%% When several segments are bad, BEAM's order decides: sizes (and the
%% sources of binary-all and utf32 segments) of all segments first, then
%% the appended-to binary, then each segment as it is written.
-module(t_exc2_bs_error_info).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    Fs = [fun() -> <<(id(a)):8>> end,
          fun() -> <<(id(1.5)):8/integer>> end,
          fun() -> <<(id(<<1:3>>))/binary>> end,
          fun() -> X = id(-1), <<1:X>> end,
          fun() -> <<(id(a))/float>> end,
          fun() -> <<(id(a))/utf8>> end,
          fun() -> <<(id(1)), (id(x))/binary>> end,
          fun() -> <<(id(<<"ab">>)):3/binary>> end,
          fun() -> <<(id(1.0)):7/float>> end],
    [io:format("~p~n", [try F() catch error:R:St -> {R, element(4, hd(St))} end]) || F <- Fs],
    more(),
    formatted(),
    guards(),
    ok.

%% Which segment and error wins, sizes, floats, UTF, appends.
more() ->
    Fs = [fun() -> <<(id(a)):8, 1:(id(-1))>> end,
          fun() -> <<(id(a)):8, (id(x))/utf32>> end,
          fun() -> <<(id(a)):(id(-1))>> end,
          fun() -> <<(id(a)):(id(7))/float>> end,
          fun() -> <<(id(1)):(id(1 bsl 70))>> end,
          fun() -> <<(id(1)):(id(a))>> end,
          fun() -> <<(id(1)):(id(1.0))>> end,
          fun() -> <<(id(1)):(id(-(1 bsl 70)))>> end,
          fun() -> <<(id(1 bsl 1100))/float>> end,
          fun() -> <<(id(1 bsl 1100)):32/float>> end,
          fun() -> <<(id(16#D800))/utf8>> end,
          fun() -> <<(id(16#D800))/utf16>> end,
          fun() -> <<(id(16#D800))/utf32>> end,
          fun() -> <<(id(-1))/utf32>> end,
          fun() -> <<(id(16#110000))/utf8>> end,
          fun() -> <<(id(<<1:3>>)):(id(1))/binary>> end,
          fun() -> <<(id(<<1:3>>)):(id(a))/binary>> end,
          fun() -> <<(id(a)):3/binary>> end,
          fun() -> <<(id(<<1:3>>))/binary-unit:8, 1>> end,
          fun() -> <<1, (id(<<1:3>>))/binary>> end,
          fun() -> <<1, (id(a))/binary>> end,
          fun() -> <<1, (id(<<1:3>>))/bitstring, (id(b))/binary>> end,
          fun() -> <<(id(a))/binary, (id(b))/binary>> end,
          fun() -> <<(id(<<1:4>>))/binary, (id(<<1:4>>))/binary>> end,
          fun() -> <<(id(a))/bitstring, 1>> end,
          fun() -> <<(id(1)):(id(1 bsl 58))/unit:64>> end,
          fun() -> <<"abc", (id(a))/utf16>> end,
          fun() -> <<(id(a)):16/little-signed>> end,
          fun() -> <<(id(1.0)):(id(a))/float>> end,
          fun() -> <<(id(1.0)):(id(2))/float-unit:8>> end,
          fun() -> <<(id(1.0)):(id(3))/float-unit:8>> end],
    [io:format("~p~n", [try F() catch error:R:St -> {R, element(4, hd(St))} end]) || F <- Fs],
    %% `catch` builds the same trace.
    {'EXIT', {badarg, [{?MODULE, _, _, Loc} | _]}} = (catch <<(id(a)):8>>),
    io:format("~p~n", [Loc]).

%% What erl_error:format_exception prints for such a frame.
formatted() ->
    Fs = [fun() -> <<(id(a)):8>> end,
          fun() -> <<(id(<<1:3>>))/binary>> end,
          fun() -> X = id(-1), <<1:X>> end,
          fun() -> <<(id(a))/float>> end,
          fun() -> <<(id(a))/utf8>> end,
          fun() -> <<(id(1)), (id(x))/binary>> end,
          fun() -> <<(id(<<"ab">>)):3/binary>> end,
          fun() -> <<(id(1.0)):7/float>> end,
          fun() -> <<(id(1)):(id(1 bsl 70))>> end,
          fun() -> <<(id(1 bsl 1100))/float>> end,
          fun() -> <<(id(-1))/utf32>> end],
    [try F() catch C:R:St ->
         io:format("~ts~n", [erl_error:format_exception(C, R, [hd(St)])])
     end || F <- Fs].

g(X) when byte_size(<<X:8>>) =:= 1 -> yes;
g(_) -> no.

%% A construction failing in a guard just fails the guard; the next
%% exceptions carry no stale error_info.
guards() ->
    io:format("~p~n", [[g(1), g(a), g(-1)]]),
    E1 = try error(foo) catch error:foo:S1 -> element(4, hd(S1)) end,
    E2 = try atom_to_list(id(1)) catch error:badarg:S2 -> hd(S2) end,
    io:format("~p~n~p~n", [E1, E2]).
