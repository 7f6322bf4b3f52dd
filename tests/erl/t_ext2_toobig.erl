%% Matching an integer segment larger than the largest bignum (2^19 - 1
%% limbs of 64 bits) fails the match (BEAM cannot build it) instead of
%% raising; just below the limit it succeeds. Also big_SUITE:toobig.
-module(t_ext2_toobig).
-export([main/0]).

id(X) -> X.

get(Bin, Size) ->
    case Bin of
        <<N:Size, _/bits>> -> {ok, N rem 1000000007, bit_size(Bin) - Size};
        _ -> nomatch
    end.

get_signed(Bin, Size) ->
    case Bin of
        <<N:Size/signed-little, _/bits>> -> {ok, N rem 1000000007};
        _ -> nomatch
    end.

toobig() ->
    A = erlang:term_to_binary(lists:seq(1000000, 2200000)),
    ASize = erlang:bit_size(A),
    <<ANr:ASize>> = A,
    ANr band ANr.

main() ->
    Max = 64 * ((1 bsl 19) - 1),
    Ones = id(<< <<16#FF>> || _ <- lists:seq(1, Max div 8 + 16) >>),
    erlang:display(get(Ones, Max)),
    erlang:display(get(Ones, Max + 1)),
    erlang:display(get(Ones, Max + 64)),
    %% Leading zero bits do not count: the value is what must fit.
    Zeros = id(<<0:128, Ones/binary>>),
    erlang:display(get(Zeros, Max + 100)),
    erlang:display(get(Zeros, Max + 129)),
    erlang:display(get_signed(Ones, Max)),
    erlang:display(get_signed(Ones, Max + 8)),
    erlang:display(case catch toobig() of
                       {'EXIT', {{badmatch, _}, _}} -> badmatch;
                       Other -> Other
                   end),
    ok.
