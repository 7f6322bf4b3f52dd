-module(t_trace_call_time).
-export([main/0, seq/3, a/1, b/1, c/0]).

seq(Stop, Stop, Succ) when is_function(Succ) -> [Stop];
seq(Start, Stop, Succ) when is_function(Succ) -> [Start | seq(Succ(Start), Stop, Succ)].

a(N) -> b(N), c(), ok.
b(0) -> ok;
b(N) -> _ = term_to_binary(N), b(N - 1).
c() -> receive after 10 -> ok end.

loop() ->
    receive
        quit -> ok;
        {From, execute, F} -> From ! {self(), answer, F()}, loop()
    end.

setup() ->
    Pid = spawn(fun loop/0),
    1 = erlang:trace(Pid, true, [call]),
    Pid.

execute(Pid, F) ->
    Pid ! {self(), execute, F},
    receive {Pid, answer, A} -> A end.

%% Times are not deterministic: only their shape is shown (lines in
%% order of their counts: the order of the list is a hash order).
shape({call_time, L}) when is_list(L) ->
    {call_time, [{label(P), N, is_integer(S) andalso S >= 0,
                  is_integer(Us) andalso Us >= 0 andalso Us < 1000000}
                 || {P, N, S, Us} <- lists:keysort(2, L)]};
shape(X) -> X.

label(P) ->
    case get(labels) of
        undefined -> put(labels, [P]), p1;
        L ->
            case lists:member(P, L) of
                true -> list_to_atom("p" ++ integer_to_list(length(lists:takewhile(fun(X) -> X =/= P end, L)) + 1));
                false -> put(labels, L ++ [P]), list_to_atom("p" ++ integer_to_list(length(L) + 1))
            end
    end.

info(F) -> shape(erlang:trace_info(F, call_time)).

main() ->
    Succ = fun(X) -> X + 1 end,
    erlang:display(is_integer(erlang:trace_pattern({'_','_','_'}, false, [call_time]))),
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, true, [call_time])),
    erlang:display(info({?MODULE, seq, 3})),
    P1 = setup(),
    P2 = setup(),
    L = execute(P1, fun() -> seq(1, 100, Succ) end),
    erlang:display(length(L)),
    erlang:display(info({?MODULE, seq, 3})),
    _ = execute(P2, fun() -> seq(1, 7, Succ) end),
    erlang:display(info({?MODULE, seq, 3})),
    %% untraced processes are not timed
    seq(1, 10, Succ),
    erlang:display(info({?MODULE, seq, 3})),
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, pause, [call_time])),
    _ = execute(P1, fun() -> seq(1, 10, Succ) end),
    erlang:display(info({?MODULE, seq, 3})),
    {all, All} = erlang:trace_info({?MODULE, seq, 3}, all),
    erlang:display([{K, shape({K, V})} || {K, V} <- All]),
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, restart, [call_time])),
    erlang:display(info({?MODULE, seq, 3})),
    _ = execute(P2, fun() -> seq(1, 3, Succ) end),
    erlang:display(info({?MODULE, seq, 3})),
    %% nested timed functions and a timed BIF
    erlang:display(erlang:trace_pattern({?MODULE, '_', '_'}, true, [call_time])),
    erlang:display(erlang:trace_pattern({erlang, term_to_binary, 1}, true, [call_time])),
    ok = execute(P1, fun() -> a(5) end),
    erlang:display([{F, info({?MODULE, F, A})} || {F, A} <- [{a, 1}, {b, 1}, {c, 0}]]),
    erlang:display(info({erlang, term_to_binary, 1})),
    erlang:display(erlang:trace_pattern({?MODULE, seq, '_'}, false, [call_time])),
    erlang:display({info({?MODULE, seq, 3}), erlang:trace_info({?MODULE, seq, 3}, all)}),
    erlang:display(catch erlang:trace_pattern({?MODULE, seq, '_'}, [{'_', [], []}], [call_time])),
    P1 ! quit,
    P2 ! quit,
    erlang:trace_pattern({'_', '_', '_'}, false, [call_time]),
    ok.
