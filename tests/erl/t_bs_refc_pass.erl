%% Refc binaries (> 64 bytes) and sub-binaries of them passed through
%% messages, spawned processes, function arguments and stored in
%% containers; the data must stay intact after the sender builds more.
-module(t_bs_refc_pass).
-export([main/0, echo/0]).

id(X) -> X.

echo() ->
    receive
        {From, Tag, Data} ->
            From ! {Tag, transform(Data)},
            echo();
        stop -> ok
    end.

transform(B) when is_binary(B) -> {byte_size(B), erlang:phash2(B), binary:part(B, 0, min(8, byte_size(B)))};
transform({A, B}) -> {transform(A), transform(B)};
transform(L) when is_list(L) -> [transform(X) || X <- L];
transform(M) when is_map(M) -> maps:map(fun(_, V) -> transform(V) end, M);
transform(X) when is_bitstring(X) -> {bits, bit_size(X)}.

make(N, Seed) -> << <<((X * Seed) rem 256)>> || X <- lists:seq(1, N) >>.

main() ->
    P = spawn(?MODULE, echo, []),
    Bins = [make(N, 7) || N <- [0, 1, 63, 64, 65, 200, 4096, 100000]],
    lists:foreach(fun(B) -> P ! {self(), x, B} end, Bins),
    [receive {x, R} -> io:format("~p~n", [R]) end || _ <- Bins],
    %% sub-binaries of a refc binary
    Big = make(1000, 13),
    Subs = [binary:part(Big, S, L) || {S, L} <- [{0, 10}, {500, 100}, {990, 10}, {1, 998}]],
    P ! {self(), subs, Subs},
    receive {subs, RS} -> io:format("~p~n", [RS]) end,
    %% unaligned sub-bitstring of a refc binary
    <<_:3, Odd:700/bits, _/bits>> = Big,
    P ! {self(), odd, Odd},
    receive {odd, RO} -> io:format("~p~n", [RO]) end,
    %% nested in tuples and maps
    P ! {self(), m, #{a => Big, b => [Big, <<"small">>], c => {make(70, 3), <<>>}}},
    receive {m, RM} -> io:format("~p~n", [RM]) end,
    %% a binary received back, then matched
    P2 = spawn(fun() -> receive {From, B} -> From ! {back, B} end end),
    P2 ! {self(), Big},
    Back = receive {back, BB} -> BB end,
    io:format("~p~n", [Back =:= Big]),
    <<H:32, _:992/binary, T:32>> = Back,
    io:format("~p~n", [{H, T}]),
    %% appending to a received binary does not disturb the original
    Ext = <<Back/binary, "tail">>,
    io:format("~p ~p ~p~n", [byte_size(Ext), byte_size(Back), binary:last(Ext)]),
    %% build many big binaries in a loop through function calls
    io:format("~p~n", [chain(20, make(300, 5))]),
    %% binary in a process dictionary
    put(k, Big),
    garbage(200),
    io:format("~p~n", [get(k) =:= Big]),
    P ! stop,
    ok.

chain(0, B) -> {byte_size(B), erlang:phash2(B)};
chain(N, B) ->
    <<X, Rest/binary>> = B,
    chain(N - 1, <<Rest/binary, (X bxor N), (id(N))>>).

garbage(0) -> ok;
garbage(N) -> _ = lists:seq(1, 100), _ = make(100, N), garbage(N - 1).
