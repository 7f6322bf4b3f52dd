%% Stand-in for common_test's `ct` module, written for tests/otp/otp_runner.erl: only the
%% functions the erts emulator suites call. (Debian's erlang package ships no common_test
%% beams, and girder runs no common_test anyway.)
-module(ct).
-export([fail/1, fail/2, timetrap/1, sleep/1, comment/1, log/1, log/2, log/3,
         pal/1, pal/2, pal/3, print/1, print/2, get_config/1, get_config/2,
         capture_start/0, capture_stop/0, capture_get/0]).

fail(Reason) ->
    exit({test_case_failed, Reason}).

fail(Format, Args) ->
    Msg = try lists:flatten(io_lib:format(Format, Args))
          catch _:_ -> {Format, Args}
          end,
    exit({test_case_failed, Msg}).

timetrap(_) -> ok.

sleep({hours, H}) -> sleep(H * 3600000);
sleep({minutes, M}) -> sleep(M * 60000);
sleep({seconds, S}) -> sleep(S * 1000);
sleep(Ms) -> receive after Ms -> ok end.

comment(_) -> ok.
log(_) -> ok.
log(_, _) -> ok.
log(_, _, _) -> ok.
pal(_) -> ok.
pal(_, _) -> ok.
pal(_, _, _) -> ok.
print(_) -> ok.
print(_, _) -> ok.
get_config(_) -> undefined.
get_config(_, Default) -> Default.

%% Output capture, as common_test's: the case's group leader (otp_runner's io sink) sends
%% {captured, Chars} for each output request while capturing; capture_get/0 collects them.
capture_start() ->
    group_leader() ! {capture, self()},
    ok.

capture_stop() ->
    group_leader() ! {capture, false},
    ok.

capture_get() ->
    capture_get([]).

capture_get(Acc) ->
    receive
        {captured, Chars} -> capture_get([Chars | Acc])
    after 0 ->
        lists:reverse(Acc)
    end.
