%% The binary virtual heap while an accumulator binary grows: BEAM counts
%% a writable binary once, at the size it had when it became writable;
%% growing it (in place or into a bigger buffer) adds nothing until the
%% next collection counts it at its new size.
-module(t_bin_vheap_grow).
-export([main/0]).

grow(B, 0) -> B;
grow(B, N) -> grow(<<B/binary, (N band 255)>>, N - 1).

vheap() ->
    {garbage_collection_info, I} = process_info(self(), garbage_collection_info),
    proplists:get_value(bin_vheap_size, I).

run(Parent, N) ->
    V0 = vheap(),
    B = grow(<<1, 2, 3>>, N),
    V1 = vheap(),
    Parent ! {self(), byte_size(B), V1 - V0, erlang:phash2(B)}.

main() ->
    Self = self(),
    lists:foreach(
        fun(N) ->
            %% A heap big enough that no collection runs while growing.
            P = spawn_opt(fun() -> run(Self, N) end, [{min_heap_size, 400000}]),
            receive {P, Size, Words, H} -> erlang:display({N, Size, Words, H}) end
        end,
        [10, 300, 5000, 40000]),
    %% After a collection the binary counts at its full size.
    P2 = spawn_opt(fun() ->
                           B = grow(<<1, 2, 3>>, 40000),
                           erlang:garbage_collect(),
                           Self ! {self(), vheap() >= byte_size(B) div 8, byte_size(B)}
                   end, [{min_heap_size, 400000}]),
    receive {P2, Counted, Sz} -> erlang:display({after_gc, Counted, Sz}) end.
