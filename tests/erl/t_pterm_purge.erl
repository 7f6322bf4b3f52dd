%% Erasing or replacing a persistent term while processes hold its value:
%% as BEAM's literal area collector does, every process that may point
%% into the old area gets the terms it uses copied onto its heap before
%% the area is freed. Their terms stay intact whatever they do with them
%% (garbage collect, send them around, keep them in the dictionary or in
%% ETS, match sub-binaries of them, call funs of them).
-module(t_pterm_purge).
-export([main/0]).

value() ->
    Fv = 1 bsl 90,
    {term, [<<"abc", 0:777/unit:8>>], <<"small">>, 1 bsl 200, -(1 bsl 77), 2.5,
     fun(X) -> X + Fv end, fun lists:reverse/1, #{a => [1, 2], {b} => <<7:3>>},
     lists:seq(1, 300), maps:from_list([{I, [I]} || I <- lists:seq(1, 40)])}.

check({term, [<<"abc", Z/binary>>], <<"small">>, B1, B2, 2.5, F, R, M, L, BigMap} = V) ->
    true = Z =:= <<0:777/unit:8>>,
    true = B1 =:= 1 bsl 200,
    true = B2 =:= -(1 bsl 77),
    true = F(1) =:= 1 + (1 bsl 90),
    [3, 2, 1] = R([1, 2, 3]),
    #{a := [1, 2], {b} := <<7:3>>} = M,
    true = L =:= lists:seq(1, 300),
    40 = maps:size(BigMap),
    [7] = maps:get(7, BigMap),
    true = V =:= value(),
    ok.

main() ->
    purging(fun(K) -> persistent_term:put(K, {?MODULE, new}) end, replaced),
    purging(fun persistent_term:erase/1, erased),
    holders(),
    self_holder(),
    sub_binaries(),
    ok.

%% persistent_term_SUITE:purging, with more kinds of terms.
purging(Eraser, Type) ->
    Parent = self(),
    K = {?MODULE, purging},
    ok = persistent_term:put(K, value()),
    Ps = [spawn_monitor(fun() -> tester(Parent, K) end) || _ <- lists:seq(1, 30)],
    [receive {P, gotten} -> ok end || {P, _} <- Ps],
    Eraser(K),
    [P ! {Parent, Type} || {P, _} <- Ps],
    Res = [receive {'DOWN', Ref, process, P, R} -> R end || {P, Ref} <- Ps],
    erlang:display({Type, lists:usort(Res)}),
    _ = persistent_term:erase(K).

tester(Parent, K) ->
    V = persistent_term:get(K),
    ok = check(V),
    0 = erts_debug:size_shared(V),
    Parent ! {self(), gotten},
    receive
        {Parent, erased} ->
            {'EXIT', {badarg, _}} = (catch persistent_term:get(K));
        {Parent, replaced} ->
            {?MODULE, new} = persistent_term:get(K)
    end,
    ok = check(V),
    true = wait_copied(V, 10000),
    erlang:garbage_collect(),
    ok = check(V),
    exit(erts_debug:size(V) =:= erts_debug:size(value())).

wait_copied(_, 0) -> false;
wait_copied(Term, N) ->
    case erts_debug:size_shared(Term) of
        0 -> receive after 1 -> wait_copied(Term, N - 1) end;
        _ -> true
    end.

%% Processes keep the value in different places: X registers while
%% waiting, the dictionary, ETS, a message still in the queue, a term
%% built around it.
holders() ->
    K = {?MODULE, holders},
    ok = persistent_term:put(K, value()),
    T = ets:new(t, [public, set]),
    Self = self(),
    Dict = spawn(fun() ->
                         put(v, persistent_term:get(K)),
                         Self ! {self(), ready},
                         receive go -> ok end,
                         erlang:garbage_collect(),
                         Self ! {self(), check(get(v)), wait_copied(get(v), 10000)}
                 end),
    Ets = spawn(fun() ->
                        true = ets:insert(T, {k, persistent_term:get(K)}),
                        Self ! {self(), ready},
                        receive go -> ok end,
                        [{k, V}] = ets:lookup(T, k),
                        Self ! {self(), check(V), erts_debug:size_shared(V) > 0}
                end),
    Wrap = spawn(fun() ->
                         V = persistent_term:get(K),
                         W = {wrapped, [V, V], element(2, V)},
                         Self ! {self(), ready},
                         receive go -> ok end,
                         {wrapped, [V1, V2], L} = W,
                         true = erts_debug:same(V1, V2),
                         Self ! {self(), check(V1), L =:= element(2, value())}
                 end),
    Fwd = spawn(fun() ->
                        Self ! {self(), ready},
                        receive {v, V} -> ok end,
                        receive go -> ok end,
                        Self ! {self(), check(V), true}
                end),
    Fwd ! {v, persistent_term:get(K)},
    Ps = [Dict, Ets, Wrap, Fwd],
    [receive {P, ready} -> ok end || P <- Ps],
    true = persistent_term:erase(K),
    %% Let the area go before anyone looks again.
    receive after 20 -> ok end,
    [P ! go || P <- Ps],
    [receive {P, A, B} -> erlang:display({holder, A, B}) end || P <- Ps],
    ets:delete(T).

%% The process that erases still holds the value.
self_holder() ->
    K = {?MODULE, self},
    ok = persistent_term:put(K, value()),
    V = persistent_term:get(K),
    Sub = element(2, V),
    ok = persistent_term:put(K, other),
    erlang:display({self_copied, wait_copied(V, 10000), check(V), Sub =:= element(2, value())}),
    erlang:garbage_collect(),
    ok = check(V),
    %% Many replacements while the old ones are still held.
    Olds = [begin
                 ok = persistent_term:put(K, {gen, I, lists:seq(1, I)}),
                 persistent_term:get(K)
             end || I <- lists:seq(1, 200)],
    true = persistent_term:erase(K),
    erlang:display({gens, lists:last(Olds) =:= {gen, 200, lists:seq(1, 200)},
                    lists:all(fun({{gen, I, L}, J}) -> I =:= J andalso L =:= lists:seq(1, I) end,
                              lists:zip(Olds, lists:seq(1, 200)))}),
    erlang:garbage_collect(),
    erlang:display({gens_gc, lists:sum([lists:sum(L) || {gen, _, L} <- Olds])}).

%% Sub-binaries and match contexts pointing into a stored refc binary.
sub_binaries() ->
    K = {?MODULE, bin},
    Bin = list_to_binary(lists:seq(0, 255)),
    ok = persistent_term:put(K, Bin),
    B = persistent_term:get(K),
    <<_:10/binary, Mid:100/binary, _/binary>> = B,
    <<_:3, Odd:50/bitstring, _/bitstring>> = B,
    Self = self(),
    P = spawn(fun() ->
                      V = persistent_term:get(K),
                      <<_:200/binary, Tail/binary>> = V,
                      Self ! {self(), ready},
                      receive go -> ok end,
                      Self ! {self(), Tail, byte_size(V)}
              end),
    receive {P, ready} -> ok end,
    true = persistent_term:erase(K),
    receive after 20 -> ok end,
    P ! go,
    receive {P, Tail, Size} -> erlang:display({tail, Tail, Size}) end,
    erlang:garbage_collect(),
    erlang:display({subs, Mid =:= binary:part(Bin, 10, 100), Odd, B =:= Bin,
                    binary:referenced_byte_size(Mid)}).
