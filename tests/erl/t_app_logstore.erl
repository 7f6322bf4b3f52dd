%% A log-structured key-value store kept in memory as an append-only
%% binary: records are length-prefixed with a CRC, an index map holds
%% offsets, reads use binary:part, compaction rewrites live records,
%% and recovery replays a truncated/corrupted log.
-module(t_app_logstore).
-export([main/0]).

-record(store, {log = <<>>, index = #{}, live = 0, dead = 0}).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    S0 = #store{},
    Keys = [iolist_to_binary(io_lib:format("key~3..0b", [I])) || I <- lists:seq(1, 150)],
    %% 3000 random puts/deletes
    S1 = lists:foldl(fun(I, S) ->
                             K = lists:nth(rand:uniform(length(Keys)), Keys),
                             case rand:uniform(10) of
                                 1 -> delete(K, S);
                                 _ -> put(K, value(I), S)
                             end
                     end, S0, lists:seq(1, 3000)),
    report("after workload", S1),
    Sample = [K || K <- lists:sublist(Keys, 1, 10)],
    [io:format("  ~s => ~p~n", [K, get(K, S1)]) || K <- Sample],
    S2 = compact(S1),
    report("after compaction", S2),
    Same = lists:all(fun(K) -> get(K, S1) =:= get(K, S2) end, Keys),
    io:format("compaction preserves data: ~p~n", [Same]),
    %% recovery from the full log equals the store
    R1 = recover(S1#store.log),
    io:format("recovered index equal: ~p~n", [R1#store.index =:= S1#store.index]),
    %% truncated log: the last partial record is dropped
    Cut = byte_size(S2#store.log) - 7,
    R2 = recover(binary:part(S2#store.log, 0, Cut)),
    report("recovered from truncated log", R2),
    Lost = [K || K <- Keys, get(K, S2) =/= get(K, R2)],
    io:format("keys lost by truncation: ~p~n", [Lost]),
    %% corrupt one byte in the middle: recovery stops at the bad record
    Mid = byte_size(S2#store.log) div 2,
    <<Pre:Mid/binary, B, Post/binary>> = S2#store.log,
    R3 = recover(<<Pre/binary, (B bxor 16#55), Post/binary>>),
    report("recovered from corrupted log", R3),
    %% big values and binary sharing
    Big = binary:copy(<<"0123456789abcdef">>, 4096),
    S3 = put(<<"big">>, Big, S2),
    {ok, Got} = get(<<"big">>, S3),
    io:format("big value: ~b bytes, equal ~p, refers to a larger binary: ~p~n",
              [byte_size(Got), Got =:= Big, binary:referenced_byte_size(Got) > byte_size(Got)]),
    io:format("crc of log: ~.16b, adler: ~.16b~n", [erlang:crc32(S3#store.log), erlang:adler32(S3#store.log)]),
    ok.

value(I) ->
    case I rem 4 of
        0 -> term_to_binary({int, I});
        1 -> iolist_to_binary(lists:duplicate(I rem 17 + 1, "ab"));
        2 -> <<I:64/float>>;
        3 -> unicode:characters_to_binary(io_lib:format("~p:ünïcödé", [I]))
    end.

%% record layout: <<Type:8, KeyLen:16, ValLen:32, Key, Val, Crc:32>>
encode(Type, K, V) ->
    Body = <<Type:8, (byte_size(K)):16, (byte_size(V)):32, K/binary, V/binary>>,
    <<Body/binary, (erlang:crc32(Body)):32>>.

put(K, V, #store{log = L, index = I} = S) ->
    Rec = encode(1, K, V),
    ValOff = byte_size(L) + 7 + byte_size(K),
    Dead = case maps:is_key(K, I) of true -> S#store.dead + 1; false -> S#store.dead end,
    S#store{log = <<L/binary, Rec/binary>>, index = I#{K => {ValOff, byte_size(V)}},
            live = map_size(I#{K => x}), dead = Dead}.

delete(K, #store{log = L, index = I} = S) ->
    case maps:is_key(K, I) of
        false -> S;
        true -> S#store{log = <<L/binary, (encode(0, K, <<>>))/binary>>, index = maps:remove(K, I),
                        live = map_size(I) - 1, dead = S#store.dead + 2}
    end.

get(K, #store{log = L, index = I}) ->
    case maps:find(K, I) of
        {ok, {Off, Len}} -> {ok, binary:part(L, Off, Len)};
        error -> not_found
    end.

compact(#store{index = I} = S) ->
    Live = lists:sort(maps:keys(I)),
    lists:foldl(fun(K, Acc) -> {ok, V} = get(K, S), put(K, V, Acc) end, #store{}, Live).

recover(Log) -> replay(Log, 0, #store{log = Log}).

replay(Log, Off, S) ->
    case Log of
        <<_:Off/binary, Type:8, KL:16, VL:32, K:KL/binary, V:VL/binary, Crc:32, _/binary>> ->
            Body = binary:part(Log, Off, 7 + KL + VL),
            case erlang:crc32(Body) of
                Crc ->
                    I = S#store.index,
                    S1 = case Type of
                             1 -> S#store{index = I#{K => {Off + 7 + KL, VL}}};
                             0 -> S#store{index = maps:remove(K, I)}
                         end,
                    _ = V,
                    replay(Log, Off + 11 + KL + VL, S1);
                _ ->
                    io:format("  bad crc at offset ~b~n", [Off]),
                    finish(S, Off)
            end;
        _ when Off < byte_size(Log) ->
            io:format("  incomplete record at offset ~b (~b bytes left)~n", [Off, byte_size(Log) - Off]),
            finish(S, Off);
        _ -> finish(S, Off)
    end.

finish(S, Off) ->
    S#store{log = binary:part(S#store.log, 0, Off), live = map_size(S#store.index)}.

report(What, #store{log = L, index = I, dead = D}) ->
    io:format("~s: log ~b bytes, ~b live keys, ~b dead records~n", [What, byte_size(L), map_size(I), D]).
