%% spawn_opt and spawn_request with {monitor, [{alias, Mode}]}: the
%% monitor reference is also an alias of the spawner, deactivated as the
%% mode says (process_SUITE:spawn_monitor_alias, local part).
-module(t_spawn_monitor_alias).
-export([main/0]).

recv(N) -> recv(N, []).
recv(0, Acc) -> lists:reverse(Acc);
recv(N, Acc) -> receive M -> recv(N - 1, [M | Acc]) after 2000 -> lists:reverse([timeout | Acc]) end.

spawner(spawn_opt) ->
    fun(F, O) -> spawn_opt(F, O) end;
spawner(spawn_request) ->
    fun(F, O) ->
        R = spawn_request(F, O),
        receive {spawn_reply, R, ok, P} -> {P, R} end
    end.

strip(L, Ref) ->
    [case M of
         {'DOWN', Ref, process, _, Why} -> {down, Why};
         {Ref, X} -> {alias_msg, X};
         Other -> Other
     end || M <- L].

run(Type, Mode) ->
    Spawn = spawner(Type),
    {P, MA} = Spawn(fun() ->
                            [{alias, A}] = recv(1),
                            A ! {A, 1},
                            A ! {A, 2},
                            [{A, continue}] = recv(1),
                            A ! {A, 3},
                            exit(done)
                    end, [{monitor, [{alias, Mode}]}]),
    P ! {alias, MA},
    First = strip(recv(2), MA),
    case Mode of
        explicit_unalias -> unalias(MA);
        demonitor -> demonitor(MA);
        reply_demonitor -> ok
    end,
    P ! {MA, continue},
    Rest = strip(recv(1), MA),
    {Type, Mode, First, Rest}.

main() ->
    [erlang:display(run(T, M)) || T <- [spawn_opt, spawn_request],
                                  M <- [explicit_unalias, demonitor]],
    %% reply_demonitor: the first message through the alias deactivates it
    Spawn = spawner(spawn_opt),
    {P, MA} = Spawn(fun() -> [{alias, A}] = recv(1), A ! {A, 1}, A ! {A, 2}, exit(x) end,
                    [{monitor, [{alias, reply_demonitor}]}]),
    M = monitor(process, P),
    P ! {alias, MA},
    erlang:display([case X of {'DOWN', M, _, _, W} -> {down, W}; {MA, N} -> {alias_msg, N}; O -> O end
                    || X <- recv(2)]),
    erlang:display(catch spawn_opt(fun() -> ok end, [{monitor, [{alias, bad}]}])),
    %% {tag, Tag}: the DOWN message's first element (spawn_opt and spawn_request)
    [begin
         {P2, M2} = (spawner(T))(fun() -> exit(tagged) end, [{monitor, [{tag, {my, T}}]}]),
         erlang:display([case X of {Tag, M2, process, P2, W} -> {Tag, W}; O -> O end
                         || X <- recv(1)])
     end || T <- [spawn_opt, spawn_request]],
    ok.
