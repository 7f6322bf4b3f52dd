-module(t_t2byield_iovec).
-export([main/0]).

%% term_to_iovec/1,2 refer to large off-heap binaries instead of copying
%% them: the shape of the list (the size of each element) is erl's, for
%% binaries of every kind and size, small and big terms (across yields),
%% and with options; compressed results are one binary.
main() ->
    Big = binary:copy(<<"0123456789">>, 1000),
    B65 = binary:copy(<<"x">>, 65),
    B64 = binary:copy(<<"y">>, 64),
    <<_:3, Unaligned:100/binary, _/bitstring>> = Big,
    <<Bits:803/bitstring, _/bitstring>> = Big,
    Part = binary:part(Big, 10, 500),
    Small = binary:part(Big, 10, 40),
    Decoded = binary_to_term(term_to_binary(Big)),
    Built = <<Big/binary, "tail">>,
    Terms = [Big, B65, B64, Unaligned, Bits, Part, Small, Decoded, Built,
             [Big, Big], {a, Big, b, Part, c}, [B65 | B64], #{k => Big, j => Small},
             [1, 2, Big | Bits], {<<>>, Big, <<1:1>>}, lists:duplicate(100, Part),
             [Big || _ <- lists:seq(1, 3000)],
             [{I, Part, integer_to_binary(I)} || I <- lists:seq(1, 20000)]],
    [show(T) || T <- Terms],
    [show(Big, O) || O <- [[], [{minor_version, 0}], [deterministic], [compressed],
                           [{compressed, 0}], [{compressed, 9}, {compressed, 0}]]],
    ok.

show(T) ->
    V = term_to_iovec(T),
    erlang:display({length(V), sizes(V), iolist_to_binary(V) =:= term_to_binary(T)}).

show(T, O) ->
    V = term_to_iovec(T, O),
    erlang:display({O, is_list(V), sizes(V), iolist_to_binary(V) =:= term_to_binary(T, O)}).

sizes(V) when is_list(V) ->
    S = [byte_size(B) || B <- V],
    case length(S) > 12 of
        true -> {lists:sum(S), lists:sublist(S, 6), lists:usort(S)};
        false -> S
    end;
sizes(B) -> byte_size(B).
