%% zlib errors and stream ownership: the controlling process, handing a
%% stream to another process, streams outliving their opener, wrong
%% states, bad arguments, damaged data. Each error is printed as
%% {Class, Reason, {Module, Function}} of the top frame.
-module(t_zlib_errors).
-export([main/0]).
-compile(nowarn_deprecated_function).

p(T) -> io:format("~p~n", [T]).

run(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            case St of
                [{M, Fn, _, _} | _] -> {C, R, {M, Fn}};
                _ -> {C, R}
            end
    end.

%% Runs F in a new process and returns what run/1 says there.
elsewhere(F) ->
    Self = self(),
    Pid = spawn(fun() -> Self ! {self(), run(F)} end),
    receive {Pid, R} -> R end.

main() ->
    Z = zlib:open(),
    %% Every call from another process is refused.
    Calls = [{close, fun() -> zlib:close(Z) end},
             {deflateInit, fun() -> zlib:deflateInit(Z) end},
             {inflateInit, fun() -> zlib:inflateInit(Z) end},
             {deflate, fun() -> zlib:deflate(Z, <<"x">>) end},
             {inflate, fun() -> zlib:inflate(Z, <<"x">>) end},
             {getBufSize, fun() -> zlib:getBufSize(Z) end},
             {setBufSize, fun() -> zlib:setBufSize(Z, 100) end},
             {crc32, fun() -> zlib:crc32(Z) end},
             {set_controlling_process, fun() -> zlib:set_controlling_process(Z, self()) end}],
    [p({N, elsewhere(F)}) || {N, F} <- Calls],
    %% Bad arguments.
    p(run(fun() -> zlib:set_controlling_process(Z, not_a_pid) end)),
    p(run(fun() -> zlib:close(make_ref()) end)),
    p(run(fun() -> zlib:deflateInit(make_ref()) end)),
    p(run(fun() -> zlib:getBufSize(self()) end)),
    %% Wrong states.
    p(run(fun() -> zlib:deflate(Z, <<"x">>) end)),
    p(run(fun() -> zlib:deflateEnd(Z) end)),
    p(run(fun() -> zlib:inflateEnd(Z) end)),
    p(run(fun() -> zlib:deflateReset(Z) end)),
    p(run(fun() -> zlib:inflateReset(Z) end)),
    p(run(fun() -> zlib:inflateGetDictionary(Z) end)),
    p(run(fun() -> zlib:deflateSetDictionary(Z, <<"d">>) end)),
    p(run(fun() -> zlib:inflateSetDictionary(Z, <<"d">>) end)),
    p(run(fun() -> zlib:crc32(Z) end)),
    ok = zlib:deflateInit(Z),
    p(run(fun() -> zlib:deflateInit(Z) end)),
    p(run(fun() -> zlib:inflateInit(Z) end)),
    p(run(fun() -> zlib:inflate(Z, <<"x">>) end)),
    p(run(fun() -> zlib:deflate(Z, [1000]) end)),
    p(run(fun() -> zlib:deflate(Z, [<<1:7>>]) end)),
    p(run(fun() -> zlib:deflate(Z, atom) end)),
    p(run(fun() -> zlib:deflateSetDictionary(Z, [foo]) end)),
    %% Pending data at deflateEnd.
    _ = zlib:deflate(Z, <<"pending">>),
    p(run(fun() -> zlib:deflateEnd(Z) end)),
    %% deflateEnd still ended the stream: init again.
    ok = zlib:inflateInit(Z),
    p(run(fun() -> zlib:inflateGetDictionary(Z) end)),
    %% An unfinished stream at inflateEnd.
    Half = binary:part(zlib:compress(<<"some text to compress">>), 0, 10),
    p(run(fun() -> zlib:inflate(Z, Half) end)),
    p(run(fun() -> zlib:inflateEnd(Z) end)),
    ok = zlib:close(Z),
    p(run(fun() -> zlib:close(Z) end)),
    p(run(fun() -> zlib:deflateInit(Z) end)),
    p(run(fun() -> zlib:inflateInit(Z) end)),
    p(run(fun() -> zlib:getBufSize(Z) end)),
    p(run(fun() -> zlib:inflate(Z, <<>>) end)),

    %% Handing a stream over.
    Z2 = zlib:open(),
    ok = zlib:deflateInit(Z2),
    Self = self(),
    Pid = spawn(fun() ->
                        receive {go, S} ->
                                Out = zlib:deflate(S, <<"from the other side">>, finish),
                                Self ! {done, run(fun() -> zlib:deflateEnd(S) end),
                                        iolist_to_binary(Out)},
                                ok = zlib:set_controlling_process(S, Self)
                        end
                end),
    ok = zlib:set_controlling_process(Z2, Pid),
    p(run(fun() -> zlib:deflate(Z2, <<"x">>) end)),
    Pid ! {go, Z2},
    receive {done, EndR, Bytes} -> p({EndR, Bytes, zlib:uncompress(Bytes)}) end,
    Ref = monitor(process, Pid),
    receive {'DOWN', Ref, process, Pid, _} -> ok end,
    %% Back with us (the other process gave it back before it died).
    ok = zlib:inflateInit(Z2),
    p(iolist_to_binary(zlib:inflate(Z2, zlib:compress(<<"back">>)))),
    ok = zlib:inflateEnd(Z2),
    ok = zlib:close(Z2),

    %% A stream opened by a process that has died still works for the
    %% process it was given to.
    Z3 = elsewhere_open(),
    p(run(fun() -> zlib:deflateInit(Z3) end)),

    %% Damaged data in the one-shot helpers.
    p(run(fun() -> zlib:uncompress(<<1,2,3>>) end)),
    p(run(fun() -> zlib:uncompress(atom) end)),
    p(run(fun() -> zlib:uncompress(<<"not a zlib stream at all">>) end)),
    p(run(fun() -> zlib:unzip(<<255,255,255,255>>) end)),
    p(run(fun() -> zlib:gunzip(<<31,139,8,0,0,0,0,0,0,3,1,2,3>>) end)),
    p(run(fun() -> zlib:gunzip(<<"plain">>) end)),
    %% (girder's one-shot compress/1 raises badarg itself, one frame up)
    {error, badarg, _} = run(fun() -> zlib:compress(an_atom) end),
    p(run(fun() -> zlib:zip([256]) end)),
    %% Truncated gzip.
    G = zlib:gzip(<<"truncated gzip member">>),
    p(run(fun() -> zlib:gunzip(binary:part(G, 0, byte_size(G) - 4)) end)),
    %% Many streams left for the collector.
    [zlib:open() || _ <- lists:seq(1, 2000)],
    erlang:garbage_collect(),
    p(done).

elsewhere_open() ->
    Self = self(),
    Pid = spawn(fun() ->
                        Z = zlib:open(),
                        ok = zlib:set_controlling_process(Z, Self),
                        Self ! {z, Z}
                end),
    receive {z, Z} -> Ref = monitor(process, Pid),
                      receive {'DOWN', Ref, process, Pid, _} -> Z end
    end.
