%% halt/0 from a spawned process ends the whole VM with status 0 while the
%% main process is blocked in receive.
-module(t_halt_zero).
-export([main/0]).

main() ->
    spawn(fun() ->
                  receive go -> ok end,
                  erlang:display(child_halting),
                  erlang:halt()
          end) ! go,
    receive never_sent -> erlang:display(wrong) end.
