-module(t_socket_owner).
-export([main/0]).

%% Ownership: controlling process changes, owner death closes the socket
%% (and tells socket monitors and the registry), local (AF_UNIX) stream
%% sockets, which_sockets.
main() ->
    Self = self(),
    N0 = socket:number_of(),
    P = spawn(fun() ->
        {ok, S} = socket:open(inet, dgram),
        Self ! {sock, S},
        receive stop -> ok end
    end),
    S = receive {sock, X} -> X end,
    MRef = socket:monitor(S),
    erlang:display(socket:number_of() - N0),
    erlang:display(socket:setopt(S, {otp, controlling_process}, self())),
    erlang:display(maps:get(owner, socket:info(S)) =:= P),
    erlang:display(lists:member(S, socket:which_sockets(inet))),
    P ! stop,
    receive {'DOWN', MRef, socket, S, Info} -> erlang:display({down, Info}) after 2000 -> erlang:display(no_down) end,
    erlang:display(maps:get(rstates, socket:info(S))),
    erlang:display(socket:number_of() - N0),
    erlang:display(socket:close(S)),
    %% a new controlling process
    {ok, S2} = socket:open(inet, stream),
    Q = spawn(fun() -> receive go -> Self ! {q, socket:getopt(S2, {otp, controlling_process})} end end),
    ok = socket:setopt(S2, {otp, controlling_process}, Q),
    Q ! go,
    receive {q, {ok, Q}} -> erlang:display(new_owner) after 1000 -> erlang:display(no_owner) end,
    receive after 50 -> ok end,
    erlang:display(maps:get(rstates, socket:info(S2))),
    %% local stream sockets
    Path = "/tmp/girder_t_socket_owner_" ++ os:getpid(),
    file:delete(Path),
    {ok, L} = socket:open(local, stream, default),
    erlang:display(socket:getopt(L, {socket, protocol})),
    ok = socket:bind(L, #{family => local, path => Path}),
    ok = socket:listen(L),
    erlang:display(socket:sockname(L) =:= {ok, #{family => local, path => list_to_binary(Path)}}),
    spawn(fun() ->
        {ok, C} = socket:open(local, stream),
        ok = socket:connect(C, #{family => local, path => Path}),
        ok = socket:send(C, <<"over unix">>),
        Self ! {client, socket:recv(C, 0, 1000)},
        socket:close(C)
    end),
    {ok, A} = socket:accept(L, 1000),
    erlang:display(socket:recv(A, 0, 1000)),
    ok = socket:send(A, <<"back">>),
    erlang:display(receive {client, R} -> R after 1000 -> none end),
    erlang:display(maps:without([owner, counters], socket:info(A))),
    ok = socket:close(A),
    ok = socket:close(L),
    file:delete(Path),
    ok.
