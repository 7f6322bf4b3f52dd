-module(counter_sup).
%% one_for_one supervisor of the counter server: a crashed server is
%% restarted (at most 3 times in 10 seconds).
-behaviour(supervisor).
-export([start_link/0, init/1]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

init([]) ->
    {ok, Start} = application:get_env(counter, start_value),
    Child = #{id => counter_server,
              start => {counter_server, start_link, [Start]},
              restart => permanent,
              type => worker},
    {ok, {#{strategy => one_for_one, intensity => 3, period => 10}, [Child]}}.
