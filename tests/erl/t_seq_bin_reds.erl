-module(t_seq_bin_reds).
-export([main/0]).

%% Building a binary is charged one reduction per 1 KiB of binary data
%% copied, as on BEAM (bs_construct_SUITE:reductions).
main() ->
    TwoMeg = <<0:(2000 * 1024)/unit:8>>,
    at_least(2000, fun() -> <<0:8, TwoMeg/binary>> end),
    at_least(4000, fun() -> <<0:8, TwoMeg/binary, TwoMeg/binary>> end),
    at_least(1000, fun() -> <<0:8, TwoMeg:(1000 * 1024)/binary>> end),
    at_least(2500, fun() -> <<TwoMeg/binary, TwoMeg:(2000 * 1024)/binary>> end),
    %% A general-path construction (a float segment) is charged too.
    at_least(2000, fun() -> <<(id(1.0)):64/float, TwoMeg/binary>> end),
    %% Small constructions stay cheap.
    at_most(50, fun() -> <<1, 2, (id(<<3, 4>>))/binary>> end),
    ok.

at_least(N, Fun) ->
    Diff = reds(Fun),
    erlang:display({at_least, N, Diff >= N}).

at_most(N, Fun) ->
    Diff = reds(Fun),
    erlang:display({at_most, N, Diff =< N}).

reds(Fun) ->
    receive after 1 -> ok end,
    {reductions, R0} = process_info(self(), reductions),
    _ = Fun(),
    {reductions, R1} = process_info(self(), reductions),
    R1 - R0.

id(X) -> X.
