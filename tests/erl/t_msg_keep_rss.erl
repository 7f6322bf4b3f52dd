-module(t_msg_keep_rss).
-export([main/0]).

%% A process that keeps only its last 20 big messages and waits between
%% them must not hold every message it ever received: resident memory
%% after 6000 messages stays near what it was after 1000 (Girder used to
%% keep each received message's heap fragment until the process's own
%% allocations triggered a collection, which a waiting process never did).

main() ->
    Term = [{I, <<I:64>>, integer_to_list(I)} || I <- lists:seq(1, 700)],
    P = spawn(fun() -> keeper([]) end),
    send(P, Term, 1000),
    R1 = rss(),
    send(P, Term, 5000),
    R2 = rss(),
    erlang:display({bounded, R2 < R1 + R1 div 2 + 20000}),
    P ! stop,
    ok.

send(P, Term, N) ->
    [begin P ! {msg, {I, Term}, self()}, receive ack -> ok end end || I <- lists:seq(1, N)],
    ok.

keeper(Acc) ->
    receive
        {msg, M, From} -> From ! ack, keeper(lists:sublist([M | Acc], 20));
        stop -> ok
    end.

%% VmRSS in kB.
rss() ->
    {ok, S} = file:read_file("/proc/self/status"),
    [L] = [L || L <- binary:split(S, <<"\n">>, [global]), binary:match(L, <<"VmRSS">>) =/= nomatch],
    [_, V | _] = string:lexemes(binary_to_list(L), " \t"),
    list_to_integer(V).
