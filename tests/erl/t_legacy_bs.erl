-module(t_legacy_bs).
%% Binary construction as OTP 24 compiles it (bs_init2, bs_add, bs_put_*,
%% bs_append, bs_private_append, bs_utf8_size): modules built by older
%% compilers (Debian's rebar3) use these instructions.
-compile([r24]).
-export([main/0]).

main() ->
    L = [1, 300, -5, 16#12345678],
    [erlang:display(<<X:16, X:32/little-signed, X/integer>>) || X <- L],
    B = <<"abc">>,
    erlang:display(sz(B, 2)),
    erlang:display(<<B/binary, "lit", 3.5/float, 7:3>>),
    erlang:display(<<B:2/binary, 1.0:32/float-little>>),
    erlang:display(utf([$a, 16#e9, 16#20ac, 16#1f600])),
    erlang:display(<<16#20ac/utf16, 16#1f600/utf16-little, 16#41/utf32>>),
    erlang:display(acc(10, <<>>)),
    erlang:display(comp([1, 2, 3, 250])),
    erlang:display(bits(<<1:3>>, 5)),
    erlang:display(catch sz(B, -1)),
    erlang:display(catch sz(B, a)),
    erlang:display(catch sz(B, 4)),
    erlang:display(catch utf([-1])),
    erlang:display(catch <<(id(a)):8>>),
    erlang:display(guard(B, 2)),
    erlang:display(guard(B, x)),
    erlang:display(catch big(1 bsl 60)),
    erlang:display(catch sz(B, 1 bsl 70)),
    ok.

id(X) -> X.
sz(B, N) -> <<B:N/binary, N:8>>.
utf(Cs) -> << <<C/utf8>> || C <- Cs >>.
acc(0, Acc) -> Acc;
acc(N, Acc) -> acc(N - 1, <<Acc/binary, N:8, (N * 1000):24/little>>).
comp(L) -> << <<X:8, (X + 1):16>> || X <- L >>.
bits(B, N) -> <<B/bitstring, N:5>>.
guard(B, N) when byte_size(<<B:N/binary, 0>>) > 1 -> yes;
guard(_, _) -> no.
big(N) -> <<1:N/unit:128>>.
