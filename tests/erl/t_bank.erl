%% A bank of account processes driven by a deterministic script of
%% deposits, withdrawals and transfers; balances are checked at the end.
-module(t_bank).
-export([main/0]).

main() ->
    Accounts = [{Name, spawn(fun() -> account(Name, 100) end)} || Name <- [alice, bob, carol, dave]],
    Ops = script(1, 500, []),
    Results = [op(Op, Accounts) || Op <- Ops],
    Ok = length([R || R <- Results, R =:= ok]),
    Failed = length([R || {error, _} = R <- Results]),
    erlang:display({ops, length(Ops), ok, Ok, failed, Failed}),
    Balances = [{Name, call(Pid, balance)} || {Name, Pid} <- Accounts],
    erlang:display(Balances),
    erlang:display({total, lists:sum([B || {_, B} <- Balances])}),
    erlang:display({history_lengths, [{Name, call(Pid, history_len)} || {Name, Pid} <- Accounts]}),
    [Pid ! stop || {_, Pid} <- Accounts],
    ok.

script(I, N, Acc) when I > N -> lists:reverse(Acc);
script(I, N, Acc) ->
    Names = {alice, bob, carol, dave},
    Who = element(I rem 4 + 1, Names),
    Other = element((I * 7) rem 4 + 1, Names),
    Amount = (I * 37) rem 90 + 1,
    Op = case I rem 3 of
             0 -> {deposit, Who, Amount};
             1 -> {withdraw, Who, Amount};
             2 -> {transfer, Who, Other, Amount}
         end,
    script(I + 1, N, [Op | Acc]).

op({deposit, Who, Amt}, Accts) -> call(pid(Who, Accts), {deposit, Amt});
op({withdraw, Who, Amt}, Accts) -> call(pid(Who, Accts), {withdraw, Amt});
op({transfer, Same, Same, _}, _) -> {error, same_account};
op({transfer, From, To, Amt}, Accts) ->
    case call(pid(From, Accts), {withdraw, Amt}) of
        ok -> call(pid(To, Accts), {deposit, Amt});
        Err -> Err
    end.

pid(Name, Accts) -> {Name, P} = lists:keyfind(Name, 1, Accts), P.

call(Pid, Req) ->
    Ref = make_ref(),
    Pid ! {Ref, self(), Req},
    receive {Ref, Reply} -> Reply end.

account(Name, Balance) -> account(Name, Balance, []).
account(Name, Balance, Hist) ->
    receive
        {Ref, From, {deposit, A}} ->
            From ! {Ref, ok},
            account(Name, Balance + A, [{dep, A} | Hist]);
        {Ref, From, {withdraw, A}} when A =< Balance ->
            From ! {Ref, ok},
            account(Name, Balance - A, [{wd, A} | Hist]);
        {Ref, From, {withdraw, _}} ->
            From ! {Ref, {error, insufficient}},
            account(Name, Balance, Hist);
        {Ref, From, balance} ->
            From ! {Ref, Balance},
            account(Name, Balance, Hist);
        {Ref, From, history_len} ->
            From ! {Ref, length(Hist)},
            account(Name, Balance, Hist);
        stop -> ok
    end.
