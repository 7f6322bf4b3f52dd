%% process_info(P, catchlevel): the number of active catch/try, for the caller and for
%% another (waiting) process (hibernate_SUITE checks it around hibernation).
-module(t_fid_catchlevel).
-export([main/0]).

level() ->
    {catchlevel, N} = process_info(self(), catchlevel),
    N.

nested(0) -> level();
nested(K) ->
    try nested(K - 1) of
        V -> V
    catch
        _:_ -> error
    end.

main() ->
    Parent = self(),
    spawn(fun() ->
                  L0 = level(),
                  L1 = (catch level()),
                  L2 = try level() catch _:_ -> x end,
                  L3 = nested(3),
                  L4 = try (catch nested(2)) after ok end,
                  L5 = level(),
                  Parent ! {levels, [L0, L1, L2, L3, L4, L5]}
          end),
    receive {levels, Ls} -> erlang:display(Ls) end,
    W = spawn(fun() -> catch (try receive stop -> ok end catch _:_ -> ok end) end),
    receive after 50 -> ok end,
    erlang:display(process_info(W, catchlevel)),
    W ! stop,
    ok.
