%% Pids with a serial (<0.N.S>): list_to_pid/pid_to_list round trips, BEAM's limits,
%% printing, phash/phash2 (which hash only the 15-bit number), ordering and the
%% external format (hash_SUITE's test_basic).
-module(t_fid_pid_serial).
-export([main/0]).

c(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main() ->
    Texts = ["<0.2.3>", "<0.32767.8191>", "<0.0.1>", "<0.5.0>", "<0.32768.0>", "<0.1.8192>",
             "<0.100000.0>", "<0.2.-3>"],
    Pids = [c(fun() -> list_to_pid(T) end) || T <- Texts],
    erlang:display(Pids),
    Good = [P || P <- Pids, is_pid(P)],
    erlang:display([pid_to_list(P) || P <- Good]),
    erlang:display([{erlang:phash(P, 16#FFFFFFFF), erlang:phash2(P), erlang:phash2(P, 1000)}
                    || P <- Good]),
    erlang:display(lists:sort(Good)),
    erlang:display([term_to_binary(P) || P <- Good]),
    erlang:display([binary_to_term(term_to_binary(P)) =:= P || P <- Good]),
    erlang:display(erlang:phash([a, b, c, {1, 2, 3}, c:pid(0, 2, 3), 16#77777777777777],
                                16#FFFFFFFF)),
    erlang:display(io_lib:format("~p ~w", [c:pid(0, 7, 2), c:pid(0, 7, 2)])),
    ok.
