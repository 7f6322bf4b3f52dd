-module(counter_server).
%% A gen_server holding a count. `crash/0` makes it fail on purpose (a
%% bad match in handle_call), so that the logger's reports and the
%% supervisor's restart can be seen.
-behaviour(gen_server).
-export([start_link/1, bump/0, value/0, crash/0]).
-export([init/1, handle_call/3, handle_cast/2]).

start_link(Start) ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, Start, []).

bump() -> gen_server:call(?MODULE, bump).
value() -> gen_server:call(?MODULE, value).
crash() -> gen_server:call(?MODULE, crash).

init(Start) ->
    {ok, Start}.

handle_call(bump, _From, N) ->
    {reply, N + 1, N + 1};
handle_call(value, _From, N) ->
    {reply, N, N};
handle_call(crash, _From, N) ->
    even = N rem 2,   % fails for an odd count
    {reply, ok, N}.

handle_cast(_Msg, N) ->
    {noreply, N}.
