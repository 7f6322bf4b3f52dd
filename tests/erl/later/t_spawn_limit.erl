%% Not yet equal to erl (so in later/): erl's spawn/1, spawn_link/1 and
%% spawn_monitor/1 are Erlang functions calling spawn/3 or spawn_opt/4, so
%% their system_limit stack traces name those with an extra frame; and
%% erl's logger prints all 7 "Too many processes" reports, girder's 4.
-module(t_spawn_limit).
-export([main/0]).
%% Spawning past the process limit fails with system_limit, every form:
%% spawn/1,3, spawn_link, spawn_opt, spawn_monitor, and spawn_request
%% answers by an error message; process_count is the limit then.
main() ->
    Limit = erlang:system_info(process_limit),
    Pids = fill([]),
    erlang:display({full, erlang:system_info(process_count) =:= Limit}),
    erlang:display(catch spawn(fun() -> ok end)),
    erlang:display(catch spawn(erlang, now, [])),
    erlang:display(catch spawn_link(fun() -> ok end)),
    erlang:display(catch spawn_opt(fun() -> ok end, [link])),
    erlang:display(catch spawn_monitor(fun() -> ok end)),
    R = spawn_request(fun() -> ok end),
    receive {spawn_reply, R, E, Why} -> erlang:display({E, Why}) end,
    [exit(P, kill) || P <- Pids],
    erlang:display(done).

fill(Acc) ->
    try spawn(fun() -> receive _ -> ok end end) of
        P -> fill([P | Acc])
    catch error:system_limit -> Acc
    end.
