-module(t_spawn_request).
-export([main/0, child/1, echo/2]).

%% erlang:spawn_request/1..5 on this node: replies, tags, links,
%% monitors, the reply option, bad options and badarg cases.

child(Parent) -> Parent ! {child, self()}, receive go -> exit(done) end.
echo(Parent, X) -> Parent ! {echo, X}.

flush() ->
    receive M -> [M | flush()] after 50 -> [] end.

main() ->
    process_flag(trap_exit, true),
    Me = self(),
    %% Fun form, default reply.
    R1 = spawn_request(fun() -> Me ! hello end),
    receive {spawn_reply, R1, ok, P1} when is_pid(P1) -> ok end,
    receive hello -> io:format("r1 hello~n") end,
    %% Initial call is M:F/A, not spawn_init.
    R2 = spawn_request(?MODULE, child, [Me], [monitor, link, {reply_tag, mytag}]),
    P2 = receive {mytag, R2, ok, Q2} -> Q2 end,
    receive {child, P2} -> ok end,
    io:format("initial ~p~n", [process_info(P2, initial_call)]),
    {links, L2} = process_info(self(), links),
    io:format("linked ~p~n", [lists:member(P2, L2)]),
    P2 ! go,
    receive {'DOWN', R2, process, P2, D2} -> io:format("down ~p~n", [D2]) end,
    receive {'EXIT', P2, E2} -> io:format("exit ~p~n", [E2]) end,
    %% Reply option.
    [begin
         R = spawn_request(?MODULE, echo, [Me, Opt], [{reply, Opt}]),
         Ms2 = flush(),
         io:format("reply ~p: ~p~n",
                   [Opt, [case M of
                              {spawn_reply, R, ok, _} -> success;
                              {echo, X} -> {echo, X};
                              Other -> Other
                          end || M <- Ms2]])
     end || Opt <- [yes, no, error_only, success_only]],
    %% Bad option: error reply (or not, with reply options).
    [begin
         R = spawn_request(?MODULE, echo, [Me, x], Opts),
         io:format("badopt ~p: ~p~n",
                   [Opts, [case M of
                               {T, R, error, Why} -> {T, error, Why};
                               Other -> Other
                           end || M <- flush()]])
     end || Opts <- [[bogus], [{reply_tag, t}, links], [{reply, success_only}, bogus],
                     [{reply, error_only}, bogus], [{reply, no}, {priority, urgent}],
                     [{reply, maybe}], [{reply_tag, a}, {reply_tag, b}, {min_heap_size, -1}],
                     [{max_heap_size, 10}], [{monitor, [{alias, bad}]}]]],
    %% Other spawn_opt options are accepted.
    R3 = spawn_request(?MODULE, echo, [Me, opts],
                       [{priority, high}, {min_heap_size, 1000}, {fullsweep_after, 3},
                        {message_queue_data, off_heap}, {min_bin_vheap_size, 5000},
                        {max_heap_size, 100000}, {scheduler, 0}, {monitor, []}]),
    P3 = receive {spawn_reply, R3, ok, Q3} -> Q3 end,
    receive {echo, opts} -> ok end,
    receive {'DOWN', R3, process, P3, normal} -> io:format("opts ok~n") end,
    %% Nonexisting function: child dies with undef, after the reply.
    R4 = spawn_request(nonexisting_mod, nofun, [], [monitor, link, {reply_tag, t4}]),
    P4 = receive {t4, R4, ok, Q4} -> Q4 end,
    receive {'DOWN', R4, process, P4, {undef, [{nonexisting_mod, nofun, [], _} | _]}} ->
            io:format("down undef~n") end,
    receive {'EXIT', P4, {undef, _}} -> io:format("exit undef~n") end,
    %% badarg cases.
    Bad = [fun() -> spawn_request(foo) end,
           fun() -> spawn_request(fun(_) -> ok end) end,
           fun() -> spawn_request(fun(_) -> ok end, [link]) end,
           fun() -> spawn_request(fun() -> ok end, bad) end,
           fun() -> spawn_request(fun() -> ok end, [link | bad]) end,
           fun() -> spawn_request(erlang, exit, [x | y]) end,
           fun() -> spawn_request(erlang, <<"exit">>, [x]) end,
           fun() -> spawn_request(<<"erlang">>, exit, [x]) end,
           fun() -> spawn_request(erlang, exit, [x | y], [link]) end,
           fun() -> spawn_request(erlang, exit, [x], {link}) end,
           fun() -> spawn_request(<<"node">>, erlang, exit, [x], []) end,
           fun() -> spawn_request(<<"node">>, fun() -> ok end, []) end,
           fun() -> spawn_request(node(), erlang, exit, [x], [bad | bad]) end,
           fun() -> spawn_request_abandon(1) end,
           fun() -> spawn_request_abandon(self()) end],
    [io:format("bad ~p~n", [try F() of V -> {value, is_reference(V)}
                           catch error:E:S -> {E, element(4, hd(S))} end]) || F <- Bad],
    _ = flush(),
    %% Node = node() forms.
    R5 = spawn_request(node(), ?MODULE, echo, [Me, n5]),
    receive {spawn_reply, R5, ok, _} -> ok end,
    receive {echo, n5} -> io:format("node form ok~n") end,
    R6 = spawn_request(node(), fun() -> Me ! n6 end, [{reply_tag, t6}]),
    receive {t6, R6, ok, _} -> ok end,
    receive n6 -> io:format("node fun ok~n") end,
    %% Abandon: the reply was already sent.
    R7 = spawn_request(fun() -> receive after infinity -> ok end end, [link]),
    io:format("abandon ~p ~p~n", [spawn_request_abandon(R7), spawn_request_abandon(make_ref())]),
    P7 = receive {spawn_reply, R7, ok, Q7} -> Q7 end,
    exit(P7, kill),
    receive {'EXIT', P7, killed} -> io:format("killed~n") end,
    %% Huge argument list.
    Big = lists:seq(1, 255),
    R8 = spawn_request(erlang, apply, [fun(L) -> exit(length(L)) end, [Big]], [monitor]),
    P8 = receive {spawn_reply, R8, ok, Q8} -> Q8 end,
    receive {'DOWN', R8, process, P8, Why8} -> io:format("big ~p~n", [Why8]) end,
    %% Other nodes: this node is not alive, so they cannot be reached.
    [begin
         Res = (catch spawn_request(other@host, erlang, exit, [x], Opts)),
         io:format("dist ~p: ~p ~p~n",
                   [Opts, is_reference(Res),
                    [case M of {T, Res, error, Why} -> {T, Why}; O -> O end || M <- flush()]])
     end || Opts <- [[], [link, {reply_tag, dt}], [{reply, no}], [{reply, error_only}],
                     [{reply, bad}], [{reply, bad} | x], [{monitor, [bad]}], [x | y], [bogus]]],
    io:format("dist mfa ~p~n", [catch erts_internal:dist_spawn_request(a, {m, f, [x | y]}, [], spawn_request)]),
    io:format("dist opt ~p~n", [catch spawn_opt(other@host, erlang, exit, [x], [{reply_tag, x}])]),
    {DP, DR} = spawn_monitor(other@host, erlang, exit, [x]),
    io:format("dist mon ~p ~p~n", [is_pid(DP), is_reference(DR)]),
    io:format("dist mon2 ~p~n", [catch spawn_monitor(other@host, erlang, exit, [x]) =:= ok]),
    io:format("left ~p~n", [[case M of {'DOWN', _, K, _, W} -> {'DOWN', K, W}; O -> O end
                             || M <- flush()]]),
    ok.
