%% error_logger's compatibility layer: an old-style report handler added
%% with error_logger:add_report_handler/2 gets warnings as warning_msg /
%% warning_report events. Logger's `error_logger` handler asks
%% error_logger:warning_map/0 (a BIF: erl's +W) for every warning; when it
%% is missing the handler crashes and logger removes it, so the handler
%% never sees another event (code_SUITE:on_load_errors waits for one).
-module(t_error_logger_warning).
-export([main/0, init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

main() ->
    erlang:display(error_logger:warning_map()),
    erlang:display(erlang:is_builtin(error_logger, warning_map, 0)),
    %% Only the forwarding handler: the default one would print the
    %% reports (with timestamps) on stderr.
    ok = logger:remove_handler(default),
    ok = error_logger:add_report_handler(?MODULE, self()),
    error_logger:warning_msg("first ~p~n", [1]),
    show(),
    error_logger:warning_report([{second, 2}]),
    show(),
    logger:warning("third ~p", [3]),
    error_logger:error_msg("fourth ~p~n", [4]),
    show(),
    erlang:display(lists:member(error_logger, logger:get_handler_ids())),
    ok.

show() ->
    receive
        {event, E} -> erlang:display(E)
    after 2000 ->
        erlang:display(no_event)
    end.

init(Pid) -> {ok, Pid}.

handle_event({Tag, _Gl, {_Pid, What, Args}}, Pid) ->
    Pid ! {event, {Tag, What, Args}},
    {ok, Pid};
handle_event(Other, Pid) ->
    Pid ! {event, {other, element(1, Other)}},
    {ok, Pid}.

handle_call(_, S) -> {ok, ok, S}.
handle_info(_, S) -> {ok, S}.
terminate(_, _) -> ok.
