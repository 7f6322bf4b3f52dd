-module(t_bifconv_fair).
-export([main/0]).

%% Long BIF calls give the scheduler back: a spinning process runs while
%% another reverses a 1M list or converts big binaries, and both finish
%% with the right results.
main() ->
    L = lists:seq(1, 1000000),
    check(reverse, fun() -> hd(lists:reverse(L, [])) end),
    check(member, fun() -> lists:member(0, L) end),
    check(length_apply, fun() -> apply(erlang, length, [L]) end),
    Io = [<<"abc">>, [$d, <<"ef">>] | lists:duplicate(300000, <<"0123456789">>)],
    check(iolist_to_binary, fun() -> erlang:md5(iolist_to_binary(Io)) end),
    check(list_to_binary, fun() -> byte_size(list_to_binary(Io)) end),
    check(term_to_binary, fun() -> erlang:md5(term_to_binary(L)) end),
    Big = binary:copy(<<"abcdefgh">>, 250000),
    check(binary_match, fun() -> binary:match(<<Big/binary, "needle">>, <<"needle">>) end),
    check(binary_nomatch, fun() -> binary:match(Big, <<"needle">>) end),
    %% Errors and results are the plain BIFs'.
    erlang:display(catch iolist_to_binary([Io | x])),
    erlang:display(catch list_to_binary([Io, -1])),
    ok.

%% Runs F while a spinner counts; shows F's result and whether the spinner
%% got a turn before F returned.
check(Name, F) ->
    Self = self(),
    Spin = spawn(fun() -> spin(0) end),
    R = F(),
    Spin ! {get, Self},
    N = receive {n, C} -> C end,
    erlang:display({Name, R, spinner_ran, N > 0}).

spin(N) ->
    receive {get, P} -> P ! {n, N} after 0 -> spin(N + 1) end.
