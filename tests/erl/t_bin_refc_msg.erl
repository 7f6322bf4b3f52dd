-module(t_bin_refc_msg).
-export([main/0]).
id(X) -> X.
echo() ->
    receive
        {From, B} when is_binary(B) ->
            <<H:8, _/binary>> = B,
            From ! {self(), byte_size(B), H, binary:last(B), B},
            echo();
        stop -> ok
    end.
relay(0, Parent) -> Parent;
relay(N, Parent) ->
    spawn(fun() -> receive {B, Acc} -> relay(N - 1, Parent) ! {B, [byte_size(B) | Acc]} end end).
main() ->
    Big = id(list_to_binary([lists:seq(1, 200) || _ <- lists:seq(1, 50)])),
    erlang:display(byte_size(Big)),
    P = spawn(fun echo/0),
    [begin
         B = binary:part(Big, I * 100, 1000),
         P ! {self(), B},
         receive {P, Sz, H, L, Back} -> erlang:display({Sz, H, L, Back =:= B}) end
     end || I <- lists:seq(0, 5)],
    P ! {self(), Big},
    receive {P, Sz2, _, _, Back2} -> erlang:display({Sz2, Back2 =:= Big}) end,
    P ! stop,
    %% a chain of processes passing a large binary along
    First = relay(10, self()),
    First ! {Big, []},
    receive {B3, Sizes} -> erlang:display({B3 =:= Big, Sizes}) end,
    %% many large binaries created and dropped
    L = [begin X = binary:copy(<<I>>, 1000), spawn(fun() -> receive Y -> Y end end) ! X, byte_size(X) end
         || I <- lists:seq(1, 200)],
    erlang:display(lists:sum(L)),
    %% large binary in a spawn closure
    Self = self(),
    spawn(fun() -> Self ! {got, byte_size(Big), binary:first(Big)} end),
    receive {got, S, F} -> erlang:display({S, F}) end,
    ok.
