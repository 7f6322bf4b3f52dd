-module(t_inet_ifaddrs).
-export([main/0]).

%% inet:getifaddrs/0 and inet:getiflist/0 on this machine's interfaces
%% (the same kernel answers erl and girder): the whole lists, the
%% loopback's entry alone, inet:ifget/2 of each interface.
main() ->
    {ok, Ifs} = inet:getifaddrs(),
    erlang:display(Ifs),
    {ok, Lo} = find_loopback(Ifs),
    erlang:display(lists:member({flags, [up, loopback, running]}, Lo)),
    erlang:display([A || {addr, A} <- Lo]),
    erlang:display(inet:getiflist()),
    {ok, S} = gen_udp:open(0),
    erlang:display(prim_inet:getiflist(S)),
    {ok, Names} = inet:getiflist(),
    All = [addr, broadaddr, dstaddr, mtu, netmask, flags, hwaddr],
    [erlang:display({N, inet:ifget(N, All)}) || N <- Names],
    erlang:display(inet:ifget("lo", [mtu, flags])),
    erlang:display(inet:ifget(lo, [netmask])),
    erlang:display(inet:ifget("no_such_if0", All)),
    erlang:display(inet:ifget("lo", [bogus])),
    {ok, T} = gen_tcp:listen(0, []),
    erlang:display(prim_inet:getifaddrs(T) =:= {ok, Ifs}),
    gen_tcp:close(T),
    gen_udp:close(S),
    ok.

find_loopback(Ifs) ->
    case [O || {_, O} <- Ifs, lists:member(loopback, proplists:get_value(flags, O, []))] of
        [O | _] -> {ok, O};
        [] -> none
    end.
