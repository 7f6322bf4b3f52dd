%% A chat server as a gen_server: rooms in a map, members monitored so
%% a crashed client is removed, broadcast with per-room history kept in
%% a bounded queue, nick changes, private messages and error replies.
%% Clients are plain processes that forward what they receive to the
%% test process, which prints everything in a deterministic order.
-module(t_app_chat).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(HISTORY, 3).

main() ->
    {ok, _} = gen_server:start({local, chat}, ?MODULE, [], []),
    Main = self(),
    Clients = [{N, spawn(fun() -> client(N, Main) end)} || N <- [ann, bob, cy]],
    [ok = gen_server:call(chat, {join, lobby, N, P}) || {N, P} <- Clients],
    io:format("join again: ~p~n", [gen_server:call(chat, {join, lobby, ann, pid(ann, Clients)})]),
    ok = gen_server:call(chat, {join, dev, bob, pid(bob, Clients)}),
    say(lobby, ann, "hello all"),
    say(lobby, bob, "hi ann"),
    say(dev, bob, "anyone here?"),
    drain(),
    io:format("pm: ~p~n", [gen_server:call(chat, {pm, ann, cy, "psst"})]),
    io:format("pm unknown: ~p~n", [gen_server:call(chat, {pm, ann, zed, "hello?"})]),
    drain(),
    io:format("nick: ~p~n", [gen_server:call(chat, {nick, cy, cyril})]),
    io:format("nick taken: ~p~n", [gen_server:call(chat, {nick, ann, bob})]),
    [say(lobby, bob, "msg " ++ integer_to_list(I)) || I <- lists:seq(1, 4)],
    drain(),
    io:format("history lobby: ~p~n", [gen_server:call(chat, {history, lobby})]),
    io:format("rooms: ~p~n", [gen_server:call(chat, rooms)]),
    %% a client crashes: the server notices through its monitor
    pid(bob, Clients) ! crash,
    io:format("after crash: ~p~n", [wait_members(lobby, 2, 50)]),
    io:format("rooms: ~p~n", [gen_server:call(chat, rooms)]),
    say(lobby, ann, "bob left?"),
    drain(),
    io:format("leave: ~p / ~p~n", [gen_server:call(chat, {leave, lobby, ann}), gen_server:call(chat, {leave, lobby, ann})]),
    io:format("say in unknown room: ~p~n", [gen_server:call(chat, {say, nowhere, ann, "x"})]),
    io:format("stats: ~p~n", [gen_server:call(chat, stats)]),
    gen_server:stop(chat),
    ok.

pid(N, Clients) -> proplists:get_value(N, Clients).

say(Room, Nick, Text) -> ok = gen_server:call(chat, {say, Room, Nick, Text}).

wait_members(_Room, _N, 0) -> timeout;
wait_members(Room, N, K) ->
    Members = proplists:get_value(Room, gen_server:call(chat, rooms)),
    case length(Members) of
        N -> Members;
        _ -> timer:sleep(10), wait_members(Room, N, K - 1)
    end.

%% collect forwarded deliveries until quiet, print sorted
drain() ->
    Got = collect([]),
    [io:format("  ~p got ~p~n", [Who, What]) || {Who, What} <- lists:sort(Got)].

collect(Acc) ->
    receive {delivered, Who, What} -> collect([{Who, What} | Acc])
    after 50 -> Acc
    end.

client(Name, Main) ->
    receive
        crash -> exit(client_crashed);
        {chat, What} -> Main ! {delivered, Name, What}, client(Name, Main)
    end.

%% ---------------------------------------------------------------- server
init([]) -> {ok, #{rooms => #{}, nicks => #{}, mons => #{}, sent => 0}}.

handle_call({join, Room, Nick, Pid}, _From, S = #{rooms := R, nicks := Ns, mons := Ms}) ->
    Members = maps:get(Room, R, []),
    case lists:member(Nick, Members) of
        true -> {reply, {error, already_joined}, S};
        false ->
            Ms1 = case maps:is_key(Pid, Ms) of
                      true -> Ms;
                      false -> Ms#{Pid => monitor(process, Pid)}
                  end,
            S1 = S#{rooms := R#{Room => Members ++ [Nick]}, nicks := Ns#{Nick => Pid}, mons := Ms1},
            {reply, ok, broadcast(Room, {joined, Room, Nick}, Nick, S1)}
    end;
handle_call({leave, Room, Nick}, _From, S = #{rooms := R}) ->
    Members = maps:get(Room, R, []),
    case lists:member(Nick, Members) of
        false -> {reply, {error, not_member}, S};
        true -> {reply, ok, S#{rooms := R#{Room := Members -- [Nick]}}}
    end;
handle_call({say, Room, Nick, Text}, _From, S = #{rooms := R}) ->
    case maps:find(Room, R) of
        error -> {reply, {error, {no_room, Room}}, S};
        {ok, _} ->
            S1 = remember(Room, {Nick, Text}, S),
            {reply, ok, broadcast(Room, {msg, Room, Nick, Text}, Nick, S1)}
    end;
handle_call({pm, From, To, Text}, _From, S = #{nicks := Ns}) ->
    case maps:find(To, Ns) of
        {ok, Pid} -> Pid ! {chat, {pm, From, Text}}, {reply, ok, bump(S)};
        error -> {reply, {error, {no_such_nick, To}}, S}
    end;
handle_call({nick, Old, New}, _From, S = #{nicks := Ns, rooms := R}) ->
    case maps:is_key(New, Ns) of
        true -> {reply, {error, nick_taken}, S};
        false ->
            Pid = maps:get(Old, Ns),
            R1 = maps:map(fun(_, Ms) -> [case M of Old -> New; _ -> M end || M <- Ms] end, R),
            {reply, ok, S#{nicks := maps:put(New, Pid, maps:remove(Old, Ns)), rooms := R1}}
    end;
handle_call({history, Room}, _From, S) ->
    {reply, queue:to_list(maps:get({hist, Room}, S, queue:new())), S};
handle_call(rooms, _From, S = #{rooms := R}) -> {reply, lists:sort(maps:to_list(R)), S};
handle_call(stats, _From, S = #{sent := N, nicks := Ns}) -> {reply, {sent, N, nicks, lists:sort(maps:keys(Ns))}, S}.

handle_cast(_, S) -> {noreply, S}.

handle_info({'DOWN', _Ref, process, Pid, Reason}, S = #{nicks := Ns, rooms := R, mons := Ms}) ->
    Gone = [N || {N, P} <- maps:to_list(Ns), P =:= Pid],
    R1 = maps:map(fun(_, Members) -> Members -- Gone end, R),
    S1 = S#{nicks := maps:without(Gone, Ns), rooms := R1, mons := maps:remove(Pid, Ms)},
    S2 = lists:foldl(fun(Room, Acc) ->
                             lists:foldl(fun(G, A) -> broadcast(Room, {left, Room, G, Reason}, G, A) end, Acc, Gone)
                     end, S1, maps:keys(R1)),
    {noreply, S2}.

broadcast(Room, Msg, Except, S = #{rooms := R, nicks := Ns}) ->
    Targets = [maps:get(M, Ns) || M <- maps:get(Room, R, []), M =/= Except, maps:is_key(M, Ns)],
    [P ! {chat, Msg} || P <- Targets],
    S#{sent := maps:get(sent, S) + length(Targets)}.

bump(S = #{sent := N}) -> S#{sent := N + 1}.

remember(Room, Entry, S) ->
    Q = queue:in(Entry, maps:get({hist, Room}, S, queue:new())),
    Q1 = case queue:len(Q) > ?HISTORY of
             true -> element(2, queue:out(Q));
             false -> Q
         end,
    S#{{hist, Room} => Q1}.
