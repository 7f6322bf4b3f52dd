%% Selective receive: messages are consumed out of arrival order, unmatched
%% ones stay in the queue in order (loop_rec_end), guards in receive.
-module(t_msg_selective).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    Self = self(),
    [Self ! {msg, N} || N <- lists:seq(1, 10)],
    Self ! {prio, high},
    Self ! {other, junk},
    %% pick the priority message first although it arrived late
    receive {prio, P} -> erlang:display({first, P}) end,
    %% take only even numbers
    Evens = take_even(5, []),
    erlang:display({evens, Evens}),
    %% the rest in original order
    erlang:display({rest, drain([])}),
    %% out-of-order replies from workers, collected by tag in fixed order
    Pids = [spawn(fun() -> worker(Self, I) end) || I <- lists:seq(1, 5)],
    [P1 ! go || P1 <- lists:reverse(Pids)],
    Results = [receive {result, I, R} -> {I, R} end || I <- lists:seq(1, 5)],
    erlang:display(Results),
    %% receive with guard on value
    [Self ! {num, X} || X <- [5, 50, 3, 500, 7]],
    Big = [receive {num, X} when X > 10 -> X end || _ <- [1, 2]],
    Small = [receive {num, X} when X =< 10 -> X end || _ <- [1, 2, 3]],
    erlang:display({Big, Small}),
    %% matching on a bound variable
    Key = id(k2),
    Self ! {k1, one}, Self ! {k2, two}, Self ! {k3, three},
    V = receive {Key, Val} -> Val end,
    erlang:display({matched_bound, V, drain([])}),
    ok.

take_even(0, Acc) -> lists:reverse(Acc);
take_even(K, Acc) ->
    receive
        {msg, N} when N rem 2 =:= 0 -> take_even(K - 1, [N | Acc])
    end.

drain(Acc) ->
    receive M -> drain([M | Acc]) after 0 -> lists:reverse(Acc) end.

worker(Parent, I) ->
    receive go -> Parent ! {result, I, I * I} end.
