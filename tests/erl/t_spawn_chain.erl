%% Each process spawns the next one: a chain 10,000 deep. The last one
%% reports back through the whole chain.
-module(t_spawn_chain).
-export([main/0, link_/2]).

main() ->
    Self = self(),
    spawn(?MODULE, link_, [10000, Self]),
    receive {chain_done, Depth, Sum} -> erlang:display({chain_done, Depth, Sum}) end,
    %% spawn a tree of processes: each node spawns two children
    spawn(fun() -> tree(12, Self) end),
    receive {tree, Count} -> erlang:display({tree_nodes, Count}) end,
    ok.

link_(0, Parent) ->
    Parent ! {back, 0, 0};
link_(N, Parent) ->
    spawn(?MODULE, link_, [N - 1, self()]),
    receive
        {back, D, S} when N =:= 10000 -> Parent ! {chain_done, D + 1, S + N};
        {back, D, S} -> Parent ! {back, D + 1, S + N}
    end.

tree(0, Parent) -> Parent ! {tree, 1};
tree(D, Parent) ->
    Self = self(),
    spawn(fun() -> tree(D - 1, Self) end),
    spawn(fun() -> tree(D - 1, Self) end),
    A = receive {tree, X} -> X end,
    B = receive {tree, Y} -> Y end,
    Parent ! {tree, A + B + 1}.
