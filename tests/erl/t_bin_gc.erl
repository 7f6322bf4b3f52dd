-module(t_bin_gc).
-export([main/0]).
id(X) -> X.
churn(0, Acc) -> Acc;
churn(N, Acc) ->
    Big = binary:copy(<<N:32>>, 50),
    Small = <<N:16, "s">>,
    <<_:8, Sub:100/binary, _/binary>> = Big,
    Keep = case N rem 100 of 0 -> [{N, Sub, Small} | Acc]; _ -> Acc end,
    churn(N - 1, Keep).
tree(0) -> <<"leaf">>;
tree(N) -> {tree(N - 1), list_to_binary(lists:duplicate(N * 10, N)), tree(N - 1)}.
size_of({L, B, R}) -> size_of(L) + byte_size(B) + size_of(R);
size_of(B) -> byte_size(B).
main() ->
    Kept = churn(20000, []),
    erlang:display(length(Kept)),
    erlang:display(lists:sum([byte_size(S) + byte_size(Sm) || {_, S, Sm} <- Kept])),
    {N1, S1, Sm1} = hd(Kept),
    erlang:display({N1, binary:part(S1, 0, 8), Sm1}),
    T = tree(10),
    erlang:display(size_of(T)),
    erlang:display(size_of(T)),
    Ms = [begin
              <<X:8, R/binary>> = id(binary:copy(<<I>>, 200)),
              {X, byte_size(R)}
          end || I <- lists:seq(1, 255)],
    erlang:display(lists:last(Ms)),
    Parts = [binary:part(binary:copy(<<I>>, 1000), 500, 100) || I <- lists:seq(1, 100)],
    erlang:display(lists:sum([binary:first(P) || P <- Parts])),
    ok.
