%% Maps sent between processes: small and big maps, nested, in tuples,
%% echoed back and compared.
-module(t_map_msgs).
-export([main/0, echo/0, sum/1]).

echo() ->
    receive
        {From, Msg} -> From ! {self(), Msg}, echo();
        stop -> ok
    end.

sum(Parent) ->
    receive
        #{op := add, a := A, b := B} -> Parent ! #{result => A + B}, sum(Parent);
        #{op := stop} -> Parent ! #{result => done}
    end.

main() ->
    E = spawn(?MODULE, echo, []),
    Msgs = [#{}, #{a => 1}, #{k => [1, 2, 3], t => {x, y}},
            maps:from_list([{I, {I, [I]}} || I <- lists:seq(1, 100)]),
            #{inner => maps:from_list([{integer_to_list(I), I} || I <- lists:seq(1, 40)])},
            [#{a => 1}, #{b => 2}]],
    lists:foreach(fun(M) ->
        E ! {self(), M},
        receive
            {E, Back} -> erlang:display({Back =:= M, size_of(Back)})
        end
    end, Msgs),
    E ! {self(), lists:nth(4, Msgs)},
    receive {E, B} -> erlang:display(maps:get(77, B)) end,
    E ! stop,
    S = spawn(?MODULE, sum, [self()]),
    [S ! #{op => add, a => I, b => I * 10} || I <- lists:seq(1, 5)],
    S ! #{op => stop},
    erlang:display(collect(6)),
    Pids = [spawn(fun() -> receive {P, M} -> P ! {self(), maps:put(seen, true, M)} end end)
            || _ <- lists:seq(1, 10)],
    Big = maps:from_list([{I, I} || I <- lists:seq(1, 50)]),
    [P ! {self(), Big#{id => N}} || {P, N} <- lists:zip(Pids, lists:seq(1, 10))],
    Got = [receive {P, R} -> R end || P <- Pids],
    erlang:display([{maps:get(id, G), map_size(G), maps:get(seen, G)} || G <- Got]),
    ok.

size_of(M) when is_map(M) -> map_size(M);
size_of(L) -> length(L).

collect(0) -> [];
collect(N) -> receive #{result := R} -> [R | collect(N - 1)] end.
