-module(t_ext_ident).
-export([main/0]).

%% Pids, ports and references of other nodes, made by binary_to_term/1:
%% node/1, type tests, equality, term order, hashing, sizes, re-encoding,
%% use as map keys and in ETS, copying between processes. (Their printed
%% forms carry BEAM's atom index of the node name, which differs between
%% VMs, so they are not printed here.)

pid(Node, Num, Ser, Cre) ->
    N = atom_to_binary(Node),
    binary_to_term(<<131, 88, 119, (byte_size(N)), N/binary, Num:32, Ser:32, Cre:32>>).
old_pid(Node, Num, Ser, Cre) ->
    N = atom_to_binary(Node),
    binary_to_term(<<131, 103, 119, (byte_size(N)), N/binary, Num:32, Ser:32, Cre:8>>).
port(Node, Num, Cre) ->
    N = atom_to_binary(Node),
    binary_to_term(<<131, 89, 119, (byte_size(N)), N/binary, Num:32, Cre:32>>).
v4_port(Node, Num, Cre) ->
    N = atom_to_binary(Node),
    binary_to_term(<<131, 120, 119, (byte_size(N)), N/binary, Num:64, Cre:32>>).
ref(Node, Nums, Cre) ->
    N = atom_to_binary(Node),
    binary_to_term(<<131, 90, (length(Nums)):16, 119, (byte_size(N)), N/binary, Cre:32,
                     (<< <<X:32>> || X <- Nums >>)/binary>>).

t(F) -> try F() catch C:R -> {C, R} end.

main() ->
    P1 = pid(foo@bar, 7, 1, 1),
    P2 = pid(foo@bar, 7, 1, 2),
    P3 = pid(nonode@nohost, 7, 1, 5),
    P4 = pid(aaa@bar, 9, 0, 1),
    P5 = old_pid(foo@bar, 70000, 9000, 3),
    L1 = pid(nonode@nohost, 7, 1, 0),
    Q1 = port(foo@bar, 5, 1),
    Q2 = v4_port(foo@bar, 1 bsl 40, 1),
    Q3 = port(zzz@bar, 1, 1),
    R1 = ref(foo@bar, [1, 2, 3], 1),
    R2 = ref(foo@bar, [1, 2, 3, 0, 0], 1),
    R3 = ref(foo@bar, [9], 1),
    R4 = ref(foo@bar, [], 1),
    R5 = ref(bar@foo, [1, 2, 3, 4, 5], 7),
    Ext = [P1, P2, P3, P4, P5, Q1, Q2, Q3, R1, R2, R3, R4, R5],
    erlang:display({local, is_pid(L1), node(L1), L1 =:= list_to_pid("<0.7.1>")}),
    erlang:display({nodes, [node(X) || X <- Ext]}),
    erlang:display({types, [{is_pid(X), is_port(X), is_reference(X)} || X <- Ext]}),
    erlang:display({eq, P1 =:= pid(foo@bar, 7, 1, 1), P1 == P2, P1 =:= P3, P3 == L1,
                    R1 =:= R2, R1 == R2, Q1 =:= port(foo@bar, 5, 1)}),
    All = Ext ++ [L1, list_to_pid("<0.9.0>"), list_to_ref("#Ref<0.1.2.3>"), list_to_pid("<0.70.3>")],
    Idx = lists:zip(All, lists:seq(1, length(All))),
    erlang:display({order, [I || {_, I} <- lists:sort(Idx)]}),
    erlang:display({cmp, [[if A < B -> $<; A > B -> $>; true -> $= end || B <- Ext] || A <- Ext]}),
    erlang:display({phash2, [erlang:phash2(X) || X <- Ext]}),
    erlang:display({phash, [erlang:phash(X, 1 bsl 32) || X <- Ext]}),
    erlang:display({phash2_deep, erlang:phash2({Ext, [Ext]})}),
    erlang:display({size, [erts_debug:size(X) || X <- Ext], erts_debug:flat_size(Ext)}),
    erlang:display({t2b, [binary_to_term(term_to_binary(X)) =:= X || X <- Ext],
                    [term_to_binary(X) || X <- [P1, Q1, Q2, R1, R4]]}),
    erlang:display({ext_size, [erlang:external_size(X) || X <- Ext]}),
    M = maps:from_list([{X, I} || {X, I} <- Idx]),
    erlang:display({map, [maps:get(X, M) || X <- All]}),
    Big = maps:from_list([{pid(foo@bar, I, 0, 1), I} || I <- lists:seq(1, 100)]),
    erlang:display({bigmap, lists:sum([maps:get(pid(foo@bar, I, 0, 1), Big) || I <- lists:seq(1, 100)])}),
    T = ets:new(t, [set]),
    [ets:insert(T, {X, I}) || {X, I} <- Idx],
    erlang:display({ets, [ets:lookup_element(T, X, 2) || X <- All]}),
    Self = self(),
    spawn(fun() -> receive X -> Self ! {back, X} end end) ! Ext,
    erlang:display({copied, receive {back, Y} -> Y =:= Ext end}),
    erlang:garbage_collect(),
    erlang:display({after_gc, [node(X) || X <- Ext] =:= [node(X) || X <- Ext]}),
    erlang:display({bad, t(fun() -> binary_to_term(<<131, 90, 6:16, 119, 3, "a@b", 1:32, 0:192>>) end),
                    t(fun() -> binary_to_term(<<131, 103, 119, 3, "a@b", 1:32, 1:32, 4:8>>) end),
                    t(fun() -> pid(nonode@nohost, 1 bsl 15, 0, 0) end),
                    t(fun() -> pid(foo@bar, 1 bsl 15, 0, 0) =/= ok end)}),
    erlang:display({lists, is_list(pid_to_list(P1)), is_list(port_to_list(Q1)),
                    is_list(ref_to_list(R1)), is_binary(term_to_binary(Ext, [compressed]))}),
    ok.
