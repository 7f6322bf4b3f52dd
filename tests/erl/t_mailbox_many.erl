%% Large mailboxes: 100,000 messages to self consumed in order, a selective
%% receive that has to scan past many messages, and big terms copied
%% between processes.
-module(t_mailbox_many).
-export([main/0]).

main() ->
    N = 100000,
    Self = self(),
    [Self ! {m, I} || I <- lists:seq(1, N)],
    erlang:display({in_order, consume(1, N)}),
    %% the wanted message is at the end of a long queue
    [Self ! {filler, I} || I <- lists:seq(1, 20000)],
    Self ! wanted,
    receive wanted -> erlang:display(found_wanted_at_end) end,
    erlang:display({fillers_left, drain_count(0)}),
    %% many senders, one receiver
    Senders = 20,
    [spawn(fun() -> [Self ! {s, K, I} || I <- lists:seq(1, 1000)] end) || K <- lists:seq(1, Senders)],
    erlang:display({per_sender_fifo, check_fifo(Senders * 1000, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})}),
    %% a large structured term makes a round trip
    Big = {lists:seq(1, 50000), [{I, 1 bsl I} || I <- lists:seq(1, 200)], {deep, {deeper, "text"}}},
    P = spawn(fun() -> receive {From, T} -> From ! {copy, T} end end),
    P ! {Self, Big},
    receive {copy, Copy} -> erlang:display({big_copy_equal, Copy =:= Big}) end,
    ok.

consume(I, N) when I > N -> true;
consume(I, N) ->
    receive
        {m, I} -> consume(I + 1, N);
        {m, Other} -> {out_of_order, I, Other}
    end.

drain_count(C) -> receive {filler, _} -> drain_count(C + 1) after 0 -> C end.

%% messages from one sender arrive in send order
check_fifo(0, _) -> true;
check_fifo(Left, Seen) ->
    receive
        {s, K, I} ->
            case element(K, Seen) + 1 of
                I -> check_fifo(Left - 1, setelement(K, Seen, I));
                Exp -> {fifo_violation, K, Exp, I}
            end
    end.
