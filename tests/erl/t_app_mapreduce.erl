%% Map-reduce over processes: a coordinator splits a generated corpus
%% into chunks, spawns monitored mapper processes, shuffles their
%% partial results to reducer processes by key hash, tolerates a mapper
%% that crashes (re-runs its chunk), and merges the sorted output.
-module(t_app_mapreduce).
-export([main/0]).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    Vocab = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
             "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon"},
    Docs = [{D, [element(min(tuple_size(Vocab), trunc(math:pow(tuple_size(Vocab), rand:uniform()))), Vocab)
                 || _ <- lists:seq(1, 200)]} || D <- lists:seq(1, 24)],
    Chunks = chunk(Docs, 5),
    io:format("~b docs in ~b chunks~n", [length(Docs), length(Chunks)]),
    %% word count
    WC = mapreduce(fun wc_map/1, fun wc_reduce/2, Chunks, 3),
    Top = lists:sublist(lists:reverse(lists:keysort(2, lists:sort(WC))), 8),
    [io:format("~-8s ~5b~n", [W, N]) || {W, N} <- Top],
    io:format("total words ~b, distinct ~b~n", [lists:sum([N || {_, N} <- WC]), length(WC)]),
    %% check against sequential
    Seq = lists:foldl(fun(W, M) -> maps:update_with(W, fun(X) -> X + 1 end, 1, M) end, #{},
                      lists:append([Ws || {_, Ws} <- Docs])),
    io:format("matches sequential: ~p~n", [lists:sort(maps:to_list(Seq)) =:= lists:sort(WC)]),
    %% inverted index: word -> sorted doc ids (only for a few words)
    Idx = mapreduce(fun idx_map/1, fun(_, Ds) -> lists:usort(Ds) end, Chunks, 4),
    [io:format("~s: ~w~n", [W, Ds]) || {W, Ds} <- lists:sort(Idx), lists:member(W, ["xi", "upsilon", "tau"])],
    %% a chunk that crashes its mapper once
    put(crash_once, true),
    WC2 = mapreduce(fun wc_map/1, fun wc_reduce/2, [{poison, hd(Chunks)} | tl(Chunks)], 2),
    io:format("with a crashing mapper: same result ~p~n", [lists:sort(WC2) =:= lists:sort(WC)]),
    ok.

chunk([], _) -> [];
chunk(L, N) when length(L) =< N -> [L];
chunk(L, N) -> {H, T} = lists:split(N, L), [H | chunk(T, N)].

wc_map(Docs) -> [{W, 1} || {_, Ws} <- Docs, W <- Ws].
wc_reduce(_, Ones) -> lists:sum(Ones).
idx_map(Docs) -> [{W, D} || {D, Ws} <- Docs, W <- lists:usort(Ws)].

mapreduce(Map, Reduce, Chunks, NReducers) ->
    Self = self(),
    Reducers = [{I, spawn_link(fun() -> reducer(Reduce, #{}, Self, I) end)} || I <- lists:seq(0, NReducers - 1)],
    Jobs = lists:zip(lists:seq(1, length(Chunks)), Chunks),
    Running = maps:from_list([start_mapper(Map, J, Reducers) || J <- Jobs]),
    wait_mappers(Running, Map, Reducers, 0),
    [R ! {done, self()} || {_, R} <- Reducers],
    Results = [receive {reduced, I, Res} -> Res end || {I, _} <- Reducers],
    lists:append(Results).

start_mapper(Map, {Id, Chunk} = Job, Reducers) ->
    Self = self(),
    Crash = case Chunk of
                {poison, _} -> erase(crash_once) =:= true;
                _ -> false
            end,
    {Pid, Ref} = spawn_monitor(fun() ->
                                       Crash andalso exit(simulated_failure),
                                       Real = case Chunk of {poison, C} -> C; C -> C end,
                                       Pairs = Map(Real),
                                       N = length(Reducers),
                                       Parts = lists:foldl(fun({K, V}, Acc) ->
                                                                   maps:update_with(erlang:phash2(K, N), fun(L) -> [{K, V} | L] end,
                                                                                    [{K, V}], Acc)
                                                           end, #{}, Pairs),
                                       [R ! {pairs, Id, maps:get(I, Parts, []), self()} || {I, R} <- Reducers],
                                       [receive {ack, Id} -> ok end || _ <- Reducers],
                                       Self ! {mapped, Id, length(Pairs)}
                               end),
    _ = Pid,
    {Ref, Job}.

wait_mappers(Running, _, _, Retries) when map_size(Running) =:= 0 ->
    io:format("  all mappers done (~b retries)~n", [Retries]);
wait_mappers(Running, Map, Reducers, Retries) ->
    receive
        {mapped, _Id, _N} ->
            wait_mappers(Running, Map, Reducers, Retries);
        {'DOWN', Ref, process, _, normal} ->
            wait_mappers(maps:remove(Ref, Running), Map, Reducers, Retries);
        {'DOWN', Ref, process, _, Reason} ->
            {Id, _} = Job = maps:get(Ref, Running),
            io:format("  mapper for chunk ~b died: ~p, restarting~n", [Id, Reason]),
            {NewRef, Job} = start_mapper(Map, Job, Reducers),
            wait_mappers(maps:put(NewRef, Job, maps:remove(Ref, Running)), Map, Reducers, Retries + 1)
    end.

reducer(Reduce, Acc, Coord, I) ->
    receive
        {pairs, Id, Pairs, Mapper} ->
            Acc1 = lists:foldl(fun({K, V}, A) -> maps:update_with(K, fun(L) -> [V | L] end, [V], A) end, Acc, Pairs),
            Mapper ! {ack, Id},
            reducer(Reduce, Acc1, Coord, I);
        {done, From} ->
            From ! {reduced, I, [{K, Reduce(K, Vs)} || {K, Vs} <- maps:to_list(Acc)]}
    end.

