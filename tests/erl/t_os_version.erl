-module(t_os_version).
-export([main/0]).

%% os:version/0 and erlang:system_info(os_version) (the running kernel's
%% release numbers: the same kernel answers erl and girder), os:type/0.
main() ->
    V = os:version(),
    erlang:display(V),
    erlang:display(V =:= erlang:system_info(os_version)),
    erlang:display(os:type()),
    {Major, Minor, Build} = V,
    erlang:display(lists:all(fun is_integer/1, [Major, Minor, Build])),
    ok.
