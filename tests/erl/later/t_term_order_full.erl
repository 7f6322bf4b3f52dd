%% Full standard term order including maps, bitstrings, ports and floats:
%% number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring
-module(t_term_order_full).
-export([main/0]).

main() ->
    Port = hd(erlang:ports()),
    Terms = [<<1:3>>, <<"bin">>, [x], [], #{a => 1}, {t}, self(), Port,
             fun() -> ok end, make_ref(), atom, 2.5, 2],
    erlang:display([kind(T) || T <- lists:sort(Terms)]),
    erlang:display(lists:sort([1, 1.0, 0.5, 2])),
    erlang:display(lists:sort([#{b => 1}, #{a => 2}, #{a => 1, b => 1}, #{}])),
    ok.

kind(T) when is_number(T) -> {number, T};
kind(T) when is_atom(T) -> atom;
kind(T) when is_reference(T) -> ref;
kind(T) when is_function(T) -> 'fun';
kind(T) when is_port(T) -> port;
kind(T) when is_pid(T) -> pid;
kind(T) when is_tuple(T) -> tuple;
kind(T) when is_map(T) -> map;
kind([]) -> nil;
kind(T) when is_list(T) -> list;
kind(T) when is_binary(T) -> binary;
kind(T) when is_bitstring(T) -> bitstring.
