%% Many put/replace/erase cycles of persistent terms of every kind of
%% term (refc binaries, bignums, funs, maps), some while other processes
%% hold and use the old values: everything stays correct, the store's
%% count and memory come back to where they started, and refc binaries
%% stored and then released are freed (binary:referenced_byte_size of
%% what processes hold stays right). tests/mem/pterm_rss.sh measures the
%% resident memory of the same kind of loop.
-module(t_pterm_cycle).
-export([main/0, cycle/1]).

main() ->
    #{count := C0, memory := M0} = persistent_term:info(),
    cycle(3000),
    many_keys(5000),
    holders_cycle(300),
    #{count := C1, memory := M1} = persistent_term:info(),
    erlang:display({back, C1 - C0, M1 - M0}),
    ok.

val(I) ->
    {I, list_to_binary(lists:duplicate(100 + I rem 50, I rem 256)), 1 bsl (64 + I rem 100),
     [I | lists:seq(1, I rem 200)], #{I => I, k => <<"v">>}, float(I)}.

%% put, get, replace, get, erase of one key with fresh values.
cycle(N) ->
    K = {?MODULE, cycle},
    S = lists:foldl(fun(I, Acc) ->
                            ok = persistent_term:put(K, val(I)),
                            {I, B, _, _, _, _} = persistent_term:get(K),
                            ok = persistent_term:put(K, [I]),
                            [I] = persistent_term:get(K),
                            true = persistent_term:erase(K),
                            Acc + byte_size(B)
                    end, 0, lists:seq(1, N)),
    erlang:display({cycle, N, S, persistent_term:get(K, gone)}).

%% Many keys at once (the table grows, then shrinks as they go).
many_keys(N) ->
    Ks = [{?MODULE, many, I} || I <- lists:seq(1, N)],
    [ok = persistent_term:put(K, {v, I}) || {_, _, I} = K <- Ks],
    Sum1 = lists:sum([I || {_, _, I} = K <- Ks, {v, I} =:= persistent_term:get(K)]),
    %% Erase every other one, then check the rest are all still found.
    [true = persistent_term:erase(K) || {_, _, I} = K <- Ks, I rem 2 =:= 0],
    Found = length([K || K <- Ks, persistent_term:get(K, none) =/= none]),
    [_ = persistent_term:erase(K) || K <- Ks],
    erlang:display({many, Sum1, Found, length([K || K <- Ks, persistent_term:get(K, none) =/= none])}).

%% Other processes hold each old value while it is replaced.
holders_cycle(N) ->
    K = {?MODULE, holders_cycle},
    Self = self(),
    ok = persistent_term:put(K, val(0)),
    Hs = [spawn(fun() -> holder(Self, K, []) end) || _ <- lists:seq(1, 4)],
    lists:foreach(fun(I) ->
                          [H ! take || H <- Hs],
                          [receive {H, took} -> ok end || H <- Hs],
                          ok = persistent_term:put(K, val(I))
                  end, lists:seq(1, N)),
    %% Last, each takes the value stored now.
    [H ! take || H <- Hs],
    [receive {H, took} -> ok end || H <- Hs],
    [H ! {report, self()} || H <- Hs],
    Rs = [receive {H, R} -> R end || H <- Hs],
    true = persistent_term:erase(K),
    erlang:display({holders, lists:usort(Rs)}).

holder(Parent, K, Held) ->
    receive
        take ->
            V = persistent_term:get(K),
            Parent ! {self(), took},
            Held1 = case length(Held) > 50 of
                        true -> [V | lists:sublist(Held, 40)];
                        false -> [V | Held]
                    end,
            erlang:garbage_collect(),
            holder(Parent, K, Held1);
        {report, P} ->
            Ok = lists:all(fun({I, _, _, _, _, _} = V) -> V =:= val(I) end, Held),
            Refs = lists:usort([binary:referenced_byte_size(B) > 0 || {_, B, _, _, _, _} <- Held]),
            %% The newest value is still stored: held as the literal.
            Lit = erts_debug:size_shared(hd(Held)) =:= 0,
            P ! {self(), {Ok, length(Held), Refs, Lit}}
    end.
