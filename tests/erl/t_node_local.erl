-module(t_node_local).
%% Distribution BIFs on a node that is not alive; pre_loaded/0;
%% erts_internal:is_system_process/1.
-export([main/0]).
t(F) -> try F() of V -> V catch C:R:St -> {C, R, hd(St)} end.
main() ->
    L = [fun() -> nodes(this, #{}) end,
         fun() -> nodes(this, #{connection_id => true, node_type => true}) end,
         fun() -> nodes([this, visible], #{node_type => true}) end,
         fun() -> nodes(known, #{connection_id => true}) end,
         fun() -> nodes(visible, #{node_type => false}) end,
         fun() -> nodes(visible, #{bad => true}) end,
         fun() -> nodes(visible, #{node_type => maybe}) end,
         fun() -> nodes(visible, []) end,
         fun() -> nodes(bad, #{}) end,
         fun() -> monitor_node(nonode@nohost, true) end,
         fun() -> monitor_node(nonode@nohost, false) end,
         fun() -> monitor_node(foo@bar, false) end,
         fun() -> monitor_node(foo@bar, true) end,
         fun() -> monitor_node("x", true) end,
         fun() -> monitor_node(foo@bar, maybe) end,
         fun() -> erlang:monitor_node(foo@bar, true, []) end,
         fun() -> erlang:monitor_node(nonode@nohost, true, [allow_passive_connect]) end,
         fun() -> erlang:monitor_node(nonode@nohost, true, [bad]) end,
         fun() -> erlang:monitor_node(nonode@nohost, true, bad) end,
         fun() -> receive M -> M after 50 -> none end end,
         fun() -> erts_internal:is_system_process(self()) end,
         fun() -> erts_internal:is_system_process(foo) end,
         fun() -> P = spawn(fun() -> ok end), erts_internal:is_system_process(P) end,
         fun() -> [M || M <- erlang:pre_loaded(), code:ensure_loaded(M) =/= {module, M}] end,
         fun() -> erlang:pre_loaded() end
        ],
    [io:format("~p~n", [{I, t(F)}]) || {I, F} <- lists:zip(lists:seq(1, length(L)), L)],
    ok.
