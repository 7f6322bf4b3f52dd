-module(t_seq_append_same).
-export([main/0]).

%% Appending an empty binary (or nothing) to a binary gives back the same
%% term on BEAM, writable or not (bs_construct_SUITE:append_empty_is_same).
main() ->
    Lit = <<"123">>,
    erlang:display(erts_debug:same(Lit, append(Lit, <<>>))),
    W = <<(id(<<>>))/binary, 0, 1, 2, 3, 4, 5, 6, 7>>,
    erlang:display(erts_debug:same(W, append(W, <<>>))),
    %% The writable one can still be appended to afterwards.
    W2 = append(append(W, <<>>), <<8, 9>>),
    erlang:display(W2),
    erlang:display(W),
    Bits = <<1:3>>,
    erlang:display(erts_debug:same(Bits, bappend(Bits, <<>>))),
    %% A non-empty append is a new term.
    erlang:display(erts_debug:same(Lit, append(Lit, <<"4">>))),
    %% Unit errors still come first.
    erlang:display(catch append(Bits, <<>>)),
    ok.

append(A, B) -> <<A/binary, B/binary>>.
bappend(A, B) -> <<A/bitstring, B/bitstring>>.
id(X) -> X.
