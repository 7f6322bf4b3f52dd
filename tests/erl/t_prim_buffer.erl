%% prim_buffer (the byte queue under file read-ahead): small writes
%% gathered into 2 KB accumulators, big ones kept as segments (which
%% peek_head/1 and read_iovec/2 show), reads, skips, searches, the lock,
%% and the errors.
-module(t_prim_buffer).
-export([main/0]).

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

sizes(IoVec) -> [byte_size(B) || B <- IoVec].

main() ->
    B = prim_buffer:new(),
    p(prim_buffer:size(B)),
    p(run(fun() -> prim_buffer:read(B, 1) end)),
    p(run(fun() -> prim_buffer:read(B, 0) end)),
    p(prim_buffer:find_byte_index(B, $a)),
    ok = prim_buffer:write(B, [<<"hello ">>, <<"world">>]),
    ok = prim_buffer:write(B, [<<"\n">>]),
    p(prim_buffer:size(B)),
    p(prim_buffer:find_byte_index(B, $\n)),
    p(prim_buffer:find_byte_index(B, $z)),
    p(prim_buffer:read(B, 5)),
    ok = prim_buffer:skip(B, 1),
    p(prim_buffer:read_iovec(B, 6)),
    p(prim_buffer:size(B)),
    %% Big and small writes mixed: segment sizes show in read_iovec.
    Big = binary:copy(<<"0123456789">>, 300),
    ok = prim_buffer:write(B, [<<"small">>]),
    ok = prim_buffer:write(B, [Big]),
    ok = prim_buffer:write(B, [<<"tail1">>, <<"tail2">>]),
    ok = prim_buffer:write(B, [binary:copy(<<"x">>, 1500), <<"y">>]),
    ok = prim_buffer:write(B, [binary:copy(<<"z">>, 900)]),
    ok = prim_buffer:write(B, [binary:copy(<<"w">>, 1000)]),
    ok = prim_buffer:write(B, [binary:copy(<<"v">>, 500)]),
    p(prim_buffer:size(B)),
    V1 = prim_buffer:read_iovec(B, 3000),
    p(sizes(V1)),
    p(iolist_to_binary(V1) =:= <<"small", (binary:part(Big, 0, 2995))/binary>>),
    V2 = prim_buffer:read_iovec(B, 3000),
    p(sizes(V2)),
    p(prim_buffer:size(B)),
    p(byte_size(prim_buffer:read(B, 100))),
    p(sizes(prim_buffer:read_iovec(B, prim_buffer:size(B)))),
    p(prim_buffer:size(B)),
    %% Many small writes in one call (more than one 64-element step).
    ok = prim_buffer:write(B, [<<I>> || I <- lists:seq(1, 200)]),
    ok = prim_buffer:write(B, [binary:copy(<<I>>, 100) || I <- lists:seq(1, 100)]),
    p(prim_buffer:size(B)),
    p(prim_buffer:find_byte_index(B, 200)),
    p(prim_buffer:find_byte_index(B, 0)),
    p(sizes(prim_buffer:read_iovec(B, 10200))),
    %% Sub-binaries and empty binaries.
    <<_:3/binary, Sub:200/binary, _/binary>> = binary:copy(<<"abc">>, 100),
    ok = prim_buffer:write(B, [<<>>, Sub, <<>>]),
    p(prim_buffer:read(B, 10)),
    prim_buffer:wipe(B),
    p(prim_buffer:size(B)),
    %% Errors.
    p(run(fun() -> prim_buffer:write(B, [<<"ok">>, not_a_binary]) end)),
    p(run(fun() -> prim_buffer:write(B, <<"not a list">>) end)),
    %% A bitstring under a byte counts as empty; a longer one is refused.
    p(run(fun() -> prim_buffer:write(B, [<<1:7>>]) end)),
    p(run(fun() -> prim_buffer:write(B, [<<1:9>>]) end)),
    p(run(fun() -> prim_buffer:write(B, [<<"improper">> | <<"tail">>]) end)),
    p(prim_buffer:size(B)),
    p(run(fun() -> prim_buffer:skip(B, 100) end)),
    p(run(fun() -> prim_buffer:skip(B, -1) end)),
    p(run(fun() -> prim_buffer:skip(B, 1 bsl 70) end)),
    p(run(fun() -> prim_buffer:find_byte_index(B, 256) end)),
    p(run(fun() -> prim_buffer:find_byte_index(B, -1) end)),
    p(run(fun() -> prim_buffer:find_byte_index(B, a) end)),
    p(run(fun() -> prim_buffer:size(make_ref()) end)),
    p(run(fun() -> prim_buffer:read(B, 1000) end)),
    %% The lock.
    p(prim_buffer:try_lock(B)),
    p(prim_buffer:try_lock(B)),
    p(prim_buffer:unlock(B)),
    p(run(fun() -> prim_buffer:unlock(B) end)),
    %% Shared with another process (no owner).
    Self = self(),
    spawn(fun() -> ok = prim_buffer:write(B, [<<"from elsewhere">>]), Self ! done end),
    receive done -> ok end,
    p(prim_buffer:read(B, prim_buffer:size(B))),
    ok.
