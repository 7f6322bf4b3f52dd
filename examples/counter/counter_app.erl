-module(counter_app).
%% The application callback: starts the top supervisor.
-behaviour(application).
-export([start/2, stop/1]).

start(_Type, _Args) ->
    counter_sup:start_link().

stop(_State) ->
    ok.
