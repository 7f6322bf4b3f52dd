%% A traffic-light controller as a gen_statem (handle_event_function
%% mode) driven by state timeouts, a generic named timeout, postponed
%% events and state enter calls; a pedestrian button is pressed from the
%% test process. The controller reports every transition to the test
%% process, which prints the log. Timings are far apart so the order is
%% deterministic.
-module(t_app_traffic).
-behaviour(gen_statem).
-export([main/0]).
-export([init/1, callback_mode/0, handle_event/4, terminate/3]).

main() ->
    {ok, Pid} = gen_statem:start_link(?MODULE, self(), []),
    log_until(green_wait),
    gen_statem:cast(Pid, button),
    gen_statem:cast(Pid, button),
    log_until({cycle, 1}),
    io:format("state now: ~p~n", [gen_statem:call(Pid, where)]),
    gen_statem:cast(Pid, {maintenance, on}),
    log_until({enter, flashing}),
    io:format("call while flashing: ~p~n", [gen_statem:call(Pid, where)]),
    gen_statem:cast(Pid, button),
    gen_statem:cast(Pid, {maintenance, off}),
    log_until({enter, green}),
    gen_statem:cast(Pid, button),
    log_until({cycle, 2}),
    {Counts, Presses} = gen_statem:call(Pid, stats),
    io:format("time in states: ~p~npresses handled: ~b~n", [lists:sort(maps:to_list(Counts)), Presses]),
    ok = gen_statem:stop(Pid),
    io:format("stopped~n"),
    ok.

log_until(Stop) ->
    log_until(Stop, 12).

log_until(Stop, 0) -> io:format("  gave up waiting for ~p~n", [Stop]);
log_until(Stop, N) ->
    receive
        {traffic, Stop} -> io:format("  -> ~p~n", [Stop]);
        {traffic, Ev} -> io:format("  -> ~p~n", [Ev]), log_until(Stop, N - 1)
    after 3000 -> io:format("  timeout waiting for ~p~n", [Stop])
    end.

%% Wide enough that a first call compiling its function (lazy compilation,
%% tens of ms on a heavily loaded machine) cannot reorder the events.
-define(RED, 240).
-define(GREEN, 360).
-define(YELLOW, 120).
-define(WALK, 240).

init(Observer) ->
    {ok, red, #{obs => Observer, cycle => 0, counts => #{}, presses => 0, walk_requested => false}}.

callback_mode() -> [handle_event_function, state_enter].

%% enter calls
handle_event(enter, _Old, State, D = #{obs := O, counts := C}) ->
    O ! {traffic, {enter, State}},
    D1 = D#{counts := maps:update_with(State, fun(N) -> N + 1 end, 1, C)},
    case State of
        red -> {keep_state, D1, [{state_timeout, ?RED, go}]};
        green -> {keep_state, D1, [{state_timeout, ?GREEN, slow}, {{timeout, min_green}, ?GREEN div 2, ok}]};
        yellow -> {keep_state, D1, [{state_timeout, ?YELLOW, stop}]};
        walk -> {keep_state, D1, [{state_timeout, ?WALK, done}]};
        flashing -> {keep_state, D1}
    end;
%% timeouts
handle_event(state_timeout, go, red, D) -> {next_state, green, D};
handle_event({timeout, min_green}, ok, green, D = #{obs := O, walk_requested := W}) ->
    O ! {traffic, green_wait},
    case W of
        true -> {next_state, yellow, D};
        false -> keep_state_and_data
    end;
handle_event(state_timeout, slow, green, D) -> {next_state, yellow, D};
handle_event(state_timeout, stop, yellow, D = #{walk_requested := true}) ->
    {next_state, walk, D#{walk_requested := false}};
handle_event(state_timeout, stop, yellow, D) -> {next_state, red, D};
handle_event(state_timeout, done, walk, D = #{obs := O, cycle := N}) ->
    O ! {traffic, {cycle, N + 1}},
    {next_state, red, D#{cycle := N + 1}};
%% button: only counted once per cycle; postponed while walking
handle_event(cast, button, walk, _D) -> {keep_state_and_data, [postpone]};
handle_event(cast, button, flashing, _D) -> keep_state_and_data;
handle_event(cast, button, _S, D = #{walk_requested := true, presses := P}) -> {keep_state, D#{presses := P + 1}};
handle_event(cast, button, _S, D = #{obs := O, presses := P}) ->
    O ! {traffic, button_accepted},
    {keep_state, D#{walk_requested := true, presses := P + 1}};
handle_event(cast, {maintenance, on}, _S, D) -> {next_state, flashing, D};
handle_event(cast, {maintenance, off}, flashing, D) -> {next_state, red, D};
handle_event({call, From}, where, S, _D) -> {keep_state_and_data, [{reply, From, S}]};
handle_event({call, From}, stats, _S, #{counts := C, presses := P}) -> {keep_state_and_data, [{reply, From, {C, P}}]};
handle_event({timeout, min_green}, ok, _Other, _D) -> keep_state_and_data.

terminate(_Reason, _State, _Data) -> ok.
