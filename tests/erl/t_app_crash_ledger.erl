%% A double-entry ledger: postings are validated and applied to accounts
%% held in a map; balances, a trial balance and per-account histories are
%% printed with erlang:display. The last batch contains an unbalanced
%% transaction whose badmatch is not caught: main crashes.
-module(t_app_crash_ledger).
-export([main/0]).

-record(txn, {id, date, memo, postings = []}).

main() ->
    Accts = #{cash => {asset, 0}, bank => {asset, 0}, revenue => {income, 0},
              rent => {expense, 0}, supplies => {expense, 0}, equity => {equity, 0}},
    Batch1 = [txn(1, {2024, 1, 1}, "owner investment", [{bank, 10000}, {equity, -10000}]),
              txn(2, {2024, 1, 2}, "withdraw cash", [{cash, 500}, {bank, -500}]),
              txn(3, {2024, 1, 5}, "rent january", [{rent, 1200}, {bank, -1200}]),
              txn(4, {2024, 1, 9}, "sale", [{bank, 3250}, {revenue, -3250}]),
              txn(5, {2024, 1, 12}, "supplies", [{supplies, 180}, {cash, -180}]),
              txn(6, {2024, 1, 20}, "split sale", [{cash, 40}, {bank, 960}, {revenue, -1000}])],
    L1 = post_all(Batch1, Accts),
    erlang:display({balances, lists:sort(maps:to_list(L1))}),
    TB = trial_balance(L1),
    erlang:display({trial_balance, TB}),
    erlang:display({income_statement, income(L1)}),
    erlang:display({bank_history, history(bank, Batch1)}),
    erlang:display({largest, largest(Batch1)}),
    Batch2 = [txn(7, {2024, 2, 1}, "rent february", [{rent, 1200}, {bank, -1200}]),
              txn(8, {2024, 2, 3}, "typo", [{supplies, 99}, {cash, -90}])],
    L2 = post_all(Batch2, L1),
    erlang:display({never_reached, L2}).

txn(Id, Date, Memo, Ps) -> #txn{id = Id, date = Date, memo = Memo, postings = Ps}.

post_all(Txns, Ledger) -> lists:foldl(fun post/2, Ledger, Txns).

post(#txn{id = Id, postings = Ps} = T, Ledger) ->
    0 = lists:sum([A || {_, A} <- Ps]),
    true = calendar:valid_date(T#txn.date),
    erlang:display({posting, Id, T#txn.memo, length(Ps)}),
    lists:foldl(fun({Acct, Amt}, L) ->
                        {Kind, Bal} = maps:get(Acct, L),
                        L#{Acct := {Kind, Bal + Amt}}
                end, Ledger, Ps).

trial_balance(L) ->
    {Dr, Cr} = maps:fold(fun(_, {_, B}, {D, C}) when B >= 0 -> {D + B, C};
                            (_, {_, B}, {D, C}) -> {D, C - B}
                         end, {0, 0}, L),
    {debits, Dr, credits, Cr, balanced, Dr =:= Cr}.

income(L) ->
    Rev = -lists:sum([B || {_, {income, B}} <- maps:to_list(L)]),
    Exp = lists:sum([B || {_, {expense, B}} <- maps:to_list(L)]),
    {revenue, Rev, expenses, Exp, net, Rev - Exp, margin_pct, round(100 * (Rev - Exp) / Rev)}.

history(Acct, Txns) ->
    {_, H} = lists:foldl(fun(#txn{id = Id, postings = Ps}, {Bal, Acc}) ->
                                 case proplists:get_value(Acct, Ps) of
                                     undefined -> {Bal, Acc};
                                     A -> {Bal + A, [{Id, A, Bal + A} | Acc]}
                                 end
                         end, {0, []}, Txns),
    lists:reverse(H).

largest(Txns) ->
    [{Id, Memo} || #txn{id = Id, memo = Memo} <-
                       lists:sublist(lists:reverse(lists:sort(fun(A, B) -> volume(A) =< volume(B) end, Txns)), 3)].

volume(#txn{postings = Ps}) -> lists:sum([abs(A) || {_, A} <- Ps]).
