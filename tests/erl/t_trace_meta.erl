-module(t_trace_meta).
-export([main/0, exported/1, wrap/1, id/1]).

wrap(X) -> exported(X).
exported(X) -> [X | local(X)].
local(X) -> [X | local_tail(X)].
local_tail(X) -> [X, erlang:phash2(1, 1)].
id(X) -> X.

strip({trace_ts, P, Tag, A, {_, _, _}}) -> {Tag, label(P), A};
strip({trace_ts, P, Tag, A, B, {_, _, _}}) -> {Tag, label(P), A, B};
strip(M) -> {other, M}.

label(P) when P =:= self() -> me;
label(P) when is_pid(P) -> other.

flush() ->
    receive M -> [strip(M) | flush()] after 100 -> [] end.

run(F) ->
    Self = self(),
    P = spawn(fun() -> R = F(), Self ! {done, R} end),
    receive {done, R} -> R end,
    _ = P,
    flush().

main() ->
    erlang:display(is_integer(erlang:trace_pattern({'_','_','_'}, false, [meta]))),
    erlang:display(erlang:trace_pattern({?MODULE,'_','_'}, [], [meta])),
    erlang:display(run(fun() -> wrap(1) end)),
    erlang:display(erlang:trace_info({?MODULE, wrap, 1}, meta) =:= {meta, self()}),
    erlang:display(erlang:trace_info({?MODULE, wrap, 1}, meta_match_spec)),
    erlang:display(erlang:trace_info({?MODULE, wrap, 1}, traced)),
    {all, All} = erlang:trace_info({?MODULE, wrap, 1}, all),
    erlang:display([K || {K, _} <- All]),
    erlang:display(erlang:trace_pattern({?MODULE,'_','_'}, false, [meta])),
    erlang:display(erlang:trace_info({?MODULE, wrap, 1}, meta)),
    erlang:display(erlang:trace_info({?MODULE, wrap, 1}, all)),
    erlang:display(run(fun() -> wrap(2) end)),
    MS = [{'_', [], [{return_trace}]}],
    erlang:display(erlang:trace_pattern({?MODULE,'_','_'}, MS, [meta])),
    erlang:display(erlang:trace_pattern({erlang,phash2,2}, MS, [meta])),
    erlang:display(run(fun() -> wrap(3) end)),
    erlang:display(erlang:trace_pattern({?MODULE,'_','_'}, false, [meta])),
    erlang:display(erlang:trace_pattern({erlang,phash2,2}, false, [meta])),
    %% exception_trace
    MS2 = [{'_', [], [{exception_trace}]}],
    erlang:trace_pattern({?MODULE,id,1}, MS2, [meta]),
    erlang:display(run(fun() -> catch id(a) + 1 end)),
    erlang:trace_pattern({?MODULE,id,1}, false, [meta]),
    %% a match spec with message
    erlang:trace_pattern({?MODULE,id,1}, [{['$1'], [{is_integer,'$1'}], [{message, false}]}, {'_', [], [{message, hello}]}], [meta]),
    erlang:display(run(fun() -> {id(1), id(b)} end)),
    erlang:display(erlang:trace_pattern({?MODULE,id,1}, [{'_',[],[]}], [{meta, self()}])),
    erlang:display(erlang:trace_info({?MODULE, id, 1}, meta_match_spec)),
    %% global on clears meta
    erlang:display(erlang:trace_pattern({?MODULE,id,1}, [], [global])),
    erlang:display(erlang:trace_info({?MODULE, id, 1}, meta)),
    erlang:display(erlang:trace_pattern({?MODULE,id,1}, false, [global])),
    erlang:display(erlang:trace_info({?MODULE, id, 1}, all)),
    %% bad options
    erlang:display(catch erlang:trace_pattern({?MODULE,id,1}, [], [global, meta])),
    erlang:display(catch erlang:trace_pattern({?MODULE,id,1}, [], [meta, global])),
    erlang:display(catch erlang:trace_pattern({?MODULE,id,1}, [], [{meta, foo}])),
    erlang:display(catch erlang:trace_pattern({?MODULE,id,1}, [{'_',[],[]}], [call_count])),
    %% dead meta tracer
    T = spawn(fun() -> ok end),
    Ref = monitor(process, T),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    erlang:display(erlang:trace_pattern({?MODULE,id,1}, [], [{meta, T}])),
    erlang:display(erlang:trace_info({?MODULE, id, 1}, meta) =:= {meta, T}),
    erlang:display(run(fun() -> id(x) end)),
    erlang:display(erlang:trace_info({?MODULE, id, 1}, meta)),
    erlang:display(erlang:trace_info({?MODULE, id, 1}, all)),
    erlang:trace_pattern({'_','_','_'}, false, [meta]),
    %% on_load
    erlang:display(erlang:trace_pattern(on_load, [], [meta])),
    erlang:display(erlang:trace_info(on_load, meta) =:= {meta, self()}),
    erlang:display(erlang:trace_info(on_load, all) =/= false),
    erlang:display(erlang:trace_pattern(on_load, false, [meta])),
    erlang:display(erlang:trace_info(on_load, meta)),
    ok.
