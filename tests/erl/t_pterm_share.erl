%% persistent_term:get/1,2 return the stored term itself, as BEAM's: no
%% copy (erts_debug:size_shared/1 is 0: it is a literal), constant time
%% whatever its size, and the sharing inside the stored term is kept
%% (put/2 copies it once preserving sharing, as persistent_term_SUITE's
%% `sharing` case checks). info/0 counts memory as BEAM does.
-module(t_pterm_share).
-export([main/0]).

main() ->
    big_is_shared(),
    sharing_kept(),
    same_value_no_change(),
    other_process_sees_literal(),
    info_memory(),
    get_all(),
    ok.

big_is_shared() ->
    Big = lists:seq(1, 200000),
    K = {?MODULE, big},
    ok = persistent_term:put(K, Big),
    V = persistent_term:get(K),
    erlang:display({big, V =:= Big, erts_debug:size(V), erts_debug:size_shared(V)}),
    %% A tuple holding the stored value twice: one copy of the list.
    T = {V, V},
    erlang:display({twice, erts_debug:size(T), erts_debug:size_shared(T),
                    erts_debug:flat_size(T)}),
    erlang:display({same, erts_debug:same(V, persistent_term:get(K)),
                    erts_debug:same(V, persistent_term:get(K, none))}),
    %% 200,000 gets of a 200,000-element list: a copy each would take
    %% minutes; the literal takes no time.
    T0 = erlang:monotonic_time(millisecond),
    N = get_loop(K, 200000, 0),
    T1 = erlang:monotonic_time(millisecond),
    erlang:display({fast, N, T1 - T0 < 3000}),
    erlang:garbage_collect(),
    erlang:display({after_gc, erts_debug:size_shared(V), lists:sum(V)}),
    true = persistent_term:erase(K).

get_loop(_, 0, Acc) -> Acc;
get_loop(K, I, Acc) ->
    [H | _] = persistent_term:get(K),
    get_loop(K, I - 1, Acc + H).

sharing_kept() ->
    Depth = 20,
    Shared = lists:foldl(fun(_, A) -> [A | A] end, [], lists:seq(1, Depth)),
    K = {?MODULE, sharing},
    ok = persistent_term:put(K, Shared),
    S = persistent_term:get(K),
    erlang:display({sharing, erts_debug:size(S), erts_debug:size_shared(S),
                    erts_debug:flat_size(S), S =:= Shared}),
    %% Sharing between key and value is kept too (one area, as BEAM).
    L = lists:seq(1, 10),
    ok = persistent_term:put(L, {L, L}),
    {A, B} = persistent_term:get(L),
    erlang:display({kv, erts_debug:same(A, B), erts_debug:size(persistent_term:get(L))}),
    true = persistent_term:erase(L),
    true = persistent_term:erase(K),
    %% The terms this process still holds keep their values (and their
    %% sharing) once copied out of the erased areas.
    erlang:display({copied, wait_copied(S, 10000), wait_copied(A, 10000)}),
    erlang:display({kept, erts_debug:size(S), erts_debug:size_shared(S), S =:= Shared,
                    erts_debug:same(A, B), A =:= L}).

%% Waits (at most N ms) until Term is no longer a literal: the collector
%% copied it onto this process's heap.
wait_copied(_, 0) -> false;
wait_copied(Term, N) ->
    case erts_debug:size_shared(Term) of
        0 -> receive after 1 -> wait_copied(Term, N - 1) end;
        _ -> true
    end.

same_value_no_change() ->
    K = {?MODULE, same},
    ok = persistent_term:put(K, {value, [1, 2, 3]}),
    V1 = persistent_term:get(K),
    %% Putting an equal value changes nothing: the same literal stays.
    ok = persistent_term:put(K, {value, [1, 2, 3]}),
    V2 = persistent_term:get(K),
    erlang:display({unchanged, erts_debug:same(V1, V2), erts_debug:size_shared(V1)}),
    ok = persistent_term:put(K, {value, [1, 2, 3, 4]}),
    V3 = persistent_term:get(K),
    erlang:display({changed, erts_debug:same(V1, V3), V3}),
    true = persistent_term:erase(K).

other_process_sees_literal() ->
    K = {?MODULE, other},
    Val = {lists:seq(1, 50), <<"binary that is longer than sixty-four bytes, so it is refc, yes">>},
    ok = persistent_term:put(K, Val),
    Self = self(),
    {Pid, Ref} = spawn_monitor(fun() ->
                                       V = persistent_term:get(K),
                                       Self ! {self(), erts_debug:size_shared(V),
                                               erts_debug:size(V), V =:= Val}
                               end),
    receive {Pid, SS, S, Eq} -> erlang:display({other, SS, S, Eq}) end,
    receive {'DOWN', Ref, process, Pid, R} -> erlang:display({down, R}) end,
    true = persistent_term:erase(K).

%% Memory per entry: BEAM's literal area header (16 bytes) plus the
%% stored {Key, Value} tuple's words, the table's slots counted apart
%% (their number depends on the other entries of the VM).
info_memory() ->
    erts_debug:set_internal_state(available_internal_state, true),
    M0 = mem(),
    #{count := C0} = persistent_term:info(),
    ok = persistent_term:put({?MODULE, 1}, literal),
    M1 = mem(),
    ok = persistent_term:put({?MODULE, 2}, lists:seq(1, 100)),
    M2 = mem(),
    ok = persistent_term:put({?MODULE, 3}, <<0:800>>),
    M3 = mem(),
    X = lists:seq(1, 10),
    ok = persistent_term:put({?MODULE, 4}, {X, X, 1.5, 1 bsl 100, make_ref()}),
    M4 = mem(),
    ok = persistent_term:put({?MODULE, 2}, short),
    M5 = mem(),
    #{count := C1} = persistent_term:info(),
    erlang:display({memory, M1 - M0, M2 - M1, M3 - M2, M4 - M3, M5 - M4, C1 - C0}),
    [true = persistent_term:erase({?MODULE, I}) || I <- [1, 2, 3, 4]],
    #{count := C2} = persistent_term:info(),
    erlang:display({memory_back, mem() - M0, C2 - C0}),
    erts_debug:set_internal_state(available_internal_state, false).

mem() ->
    #{memory := M} = persistent_term:info(),
    #{table := T} = erts_debug:get_internal_state(persistent_term),
    M - 8 * T.

get_all() ->
    Ks = [{?MODULE, all, I} || I <- lists:seq(1, 40)],
    [ok = persistent_term:put(K, {v, K}) || K <- Ks],
    All = [P || {{?MODULE, all, _}, _} = P <- persistent_term:get()],
    erlang:display({get_all, length(All), lists:sort(All) =:= [{K, {v, K}} || K <- Ks],
                    lists:sum([erts_debug:size_shared(V) || {_, V} <- All]),
                    lists:sum([erts_debug:size_shared(K) || {K, _} <- All]) > 0}),
    [true = persistent_term:erase(K) || K <- Ks],
    erlang:display({get_all_after, [P || {{?MODULE, all, _}, _} = P <- persistent_term:get()]}).
