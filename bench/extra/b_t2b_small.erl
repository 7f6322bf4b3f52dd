-module(b_t2b_small).
-export([main/0]).

%% term_to_binary/1,2 on small terms (the common case): 7 terms x N.
%% Not in scripts/bench's set (bench/b_*.erl); run by hand:
%%   erlc -o /tmp bench/extra/b_t2b_small.erl && girder -noshell -pa /tmp -s b_t2b_small main
main() ->
    Terms = [42, ok, {ok, 1, <<"abc">>}, [1, 2, 3, a], #{a => 1, b => "xy"},
             {user, <<"name">>, 37, [tag1, tag2], 3.5}, "hello world"],
    N = 300000,
    T0 = erlang:monotonic_time(microsecond),
    S1 = loop(N, Terms, 0),
    T1 = erlang:monotonic_time(microsecond),
    S2 = loop2(N div 3, Terms, 0),
    T2 = erlang:monotonic_time(microsecond),
    erlang:display({t2b_1, T1 - T0, S1}),
    erlang:display({t2b_2_compressed, T2 - T1, S2}),
    halt().

loop(0, _, S) -> S;
loop(N, Ts, S) -> loop(N - 1, Ts, sz(Ts, S)).

sz([], S) -> S;
sz([T | Ts], S) -> sz(Ts, S + byte_size(term_to_binary(T))).

loop2(0, _, S) -> S;
loop2(N, Ts, S) -> loop2(N - 1, Ts, sz2(Ts, S)).

sz2([], S) -> S;
sz2([T | Ts], S) -> sz2(Ts, S + byte_size(term_to_binary(T, [{minor_version, 2}, deterministic]))).
