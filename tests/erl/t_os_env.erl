-module(t_os_env).
-export([main/0]).

%% os:env/0, getenv/0,1,2, putenv/2, unsetenv/1: set variables, read them
%% back every way, and check the error cases.
main() ->
    true = os:putenv("GIRDER_T_A", "alpha"),
    true = os:putenv("GIRDER_T_U", "h\x{e9}llo \x{3b1}"),
    true = os:putenv("GIRDER_T_EMPTY", ""),
    Env = os:env(),
    Mine = lists:sort([KV || {K, _} = KV <- Env, lists:prefix("GIRDER_T_", K)]),
    erlang:display(Mine),
    erlang:display(lists:sort([S || S <- os:getenv(), lists:prefix("GIRDER_T_", S)])),
    erlang:display({os:getenv("GIRDER_T_A"), os:getenv("GIRDER_T_NONE"),
                    os:getenv("GIRDER_T_NONE", "dflt"), os:getenv("GIRDER_T_EMPTY")}),
    %% getenv/0 and env/0 describe the same environment.
    erlang:display(length(os:getenv()) =:= length(Env)),
    erlang:display([K ++ "=" ++ V || {K, V} <- Env] =:= os:getenv()),
    %% Children of ports see the changed environment.
    erlang:display(os:cmd("echo \"$GIRDER_T_A/$GIRDER_T_EMPTY/\"")),
    true = os:unsetenv("GIRDER_T_A"),
    erlang:display({os:getenv("GIRDER_T_A"), lists:keymember("GIRDER_T_A", 1, os:env())}),
    erlang:display([catch os:putenv(N, V) || {N, V} <- [{"A=B", "x"}, {"", "x"}, {x, "y"}, {"OK", [-1]}]]),
    erlang:display([catch os:getenv(X) || X <- [x, [-1], "A\0B"]]),
    erlang:display(catch os:unsetenv(x)),
    erlang:display(os:cmd("echo \"[$GIRDER_T_A]\"")),
    ok.
