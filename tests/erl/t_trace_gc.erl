-module(t_trace_gc).
-export([main/0]).
%% garbage_collection trace events: tags and the info items (sizes
%% replaced by their being integers).

collect(Acc) -> receive stop -> lists:reverse(Acc); M -> collect([M | Acc]) end.
tracer() -> receive {get, P} -> P ! {msgs, collect([])} end.

shape({trace, _, Tag, Info}) ->
    {Tag, [{K, is_integer(V)} || {K, V} <- Info]}.

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, [N | Acc]).

main() ->
    T = spawn(fun tracer/0),
    P = spawn(fun() ->
                      receive go -> ok end,
                      _ = build(2000, []),
                      erlang:garbage_collect(),
                      receive after 10 -> ok end
              end),
    timer:sleep(10),
    1 = erlang:trace(P, true, [garbage_collection, {tracer, T}]),
    erlang:display(erlang:trace_info(P, flags)),
    P ! go,
    timer:sleep(100),
    T ! {get, self()}, T ! stop,
    receive
        {msgs, L} ->
            Shapes = [shape(M) || M <- L],
            Tags = [Tag || {Tag, _} <- Shapes],
            %% Minor collections come in start/end pairs; the explicit
            %% garbage_collect() is a major one.
            erlang:display(lists:usort(Tags)),
            erlang:display(hd(Shapes)),
            erlang:display(lists:last(Tags)),
            erlang:display(length(Tags) rem 2)
    end,
    ok.
