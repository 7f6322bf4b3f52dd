%% A process traced with 'receive' and procs handles link, unlink and
%% message signals that were all pending at once: its getting_linked /
%% getting_unlinked and 'receive' events come in the order the signals
%% were sent (BEAM handles them one by one), not links first.
-module(t_trace_link_recv_order).
-export([main/0]).

main() ->
    Me = self(),
    R = spawn(fun() -> receiver(Me) end),
    1 = erlang:trace(R, true, ['receive', procs]),
    R ! {wait, self()},
    receive waiting -> ok end,
    %% R is busy now: everything below waits in its signal queue.
    [begin
         case N rem 2 of
             0 -> link(R);
             1 -> unlink(R)
         end,
         R ! N
     end || N <- lists:seq(8, 1, -1)],
    R ! go,
    receive {done, R} -> ok end,
    erlang:display(events(R)),
    ok.

events(R) ->
    receive
        {trace, R, 'receive', {wait, _}} -> events(R);
        {trace, R, 'receive', timeout} -> events(R);
        {trace, R, Tag, X} -> [{Tag, shape(X)} | events(R)]
    after 200 -> []
    end.

shape(P) when is_pid(P) -> pid;
shape(X) -> X.

receiver(Parent) ->
    receive {wait, From} -> From ! waiting end,
    busy(20000000),
    drain(Parent).

drain(Parent) ->
    receive
        go -> Parent ! {done, self()};
        _ -> drain(Parent)
    end.

%% Runs without receiving (the pending signals stay pending).
busy(0) -> ok;
busy(N) -> busy(N - 1).
