-module(t_socket_wait).
-export([main/0]).

%% Waiting operations: accept and recv with timeouts, nowait selects,
%% close while another process waits in recv and accept, cancel.
main() ->
    {ok, L} = socket:open(inet, stream, tcp),
    ok = socket:bind(L, #{family => inet, addr => loopback, port => 0}),
    ok = socket:listen(L),
    {ok, #{port := Port}} = socket:sockname(L),
    erlang:display(socket:accept(L, 50)),
    {select, {select_info, accept, H}} = socket:accept(L, nowait),
    erlang:display(socket:cancel(L, {select_info, accept, H})),
    {error, {invalid, {select_info, accept, H}}} = socket:cancel(L, {select_info, accept, H}),
    Self = self(),
    spawn(fun() ->
        {ok, S0} = socket:accept(L),
        ok = socket:setopt(S0, {otp, controlling_process}, Self),
        Self ! {acc, {ok, S0}}
    end),
    receive after 50 -> ok end,
    erlang:display(maps:get(num_acceptors, socket:info(L))),
    {ok, C} = socket:open(inet, stream),
    ok = socket:connect(C, #{family => inet, addr => loopback, port => Port}),
    A = receive {acc, {ok, S}} -> S end,
    %% recv in another process; the socket is closed under it
    spawn(fun() -> Self ! {r1, socket:recv(A, 0)} end),
    receive after 50 -> ok end,
    erlang:display(maps:get(num_readers, socket:info(A))),
    spawn(fun() -> Self ! {r2, socket:recv(A, 0)} end),
    receive after 50 -> ok end,
    erlang:display(maps:get(num_readers, socket:info(A))),
    ok = socket:send(C, <<"one">>),
    erlang:display(receive {r1, R1} -> R1 after 1000 -> none end),
    ok = socket:close(A),
    erlang:display(receive {r2, R2} -> R2 after 1000 -> none end),
    %% nowait recv and its select message
    {ok, C2} = socket:open(inet, stream),
    ok = socket:connect(C2, #{family => inet, addr => loopback, port => Port}),
    {ok, A2} = socket:accept(L, 1000),
    {select, {select_info, recv, Ref} = SI} = socket:recv(A2, 0, nowait),
    ok = socket:send(C2, <<"data">>),
    receive {'$socket', A2, select, Ref} -> erlang:display(got_select) after 1000 -> erlang:display(no_select) end,
    erlang:display(socket:recv(A2, 0, nowait)),
    {select, SI2} = socket:recv(A2, 0, nowait),
    erlang:display(socket:cancel(A2, SI2)),
    {error, {invalid, SI}} = socket:cancel(A2, SI),
    %% accept waiting when the listener closes
    spawn(fun() -> Self ! {acc2, socket:accept(L)} end),
    receive after 50 -> ok end,
    ok = socket:close(L),
    erlang:display(receive {acc2, R3} -> R3 after 1000 -> none end),
    %% connect errors
    {ok, L2} = socket:open(inet, stream),
    ok = socket:bind(L2, #{family => inet, addr => loopback, port => 0}),
    {ok, #{port := P2}} = socket:sockname(L2),
    ok = socket:close(L2),
    {ok, C3} = socket:open(inet, stream),
    erlang:display(socket:connect(C3, #{family => inet, addr => loopback, port => P2})),
    erlang:display(socket:connect(C3, #{family => inet, addr => loopback, port => P2}, nowait)),
    [socket:close(X) || X <- [C, C2, A2, C3]],
    ok.
