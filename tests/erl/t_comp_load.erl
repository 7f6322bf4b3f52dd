%% Loading code compiled at run time: code:load_binary/3,
%% erlang:load_module/2, and BEAM's current/old versions through
%% code:delete/1, code:purge/1, code:soft_purge/1, erlang:delete_module/1,
%% erlang:purge_module/1 and erlang:check_old_code/1.
-module(t_comp_load).
-export([main/0]).

forms(Mod, Val) ->
    [{attribute, 1, module, Mod},
     {attribute, 2, export, [{f, 1}, {g, 0}] ++ [{h, 0} || Val < 10]},
     {function, 3, f, 1,
      [{clause, 3, [{var, 3, 'X'}], [], [{op, 3, '+', {var, 3, 'X'}, {integer, 3, Val}}]}]},
     {function, 4, g, 0, [{clause, 4, [], [], [{atom, 4, Mod}]}]},
     {function, 5, h, 0, [{clause, 5, [], [], [{atom, 5, h}]}]}].

bin(Mod, Val) ->
    {ok, Mod, Bin} = compile:forms(forms(Mod, Val), [nowarn_unused_function]),
    Bin.

d(T) -> erlang:display(T).

main() ->
    M = t_comp_ld1,
    B1 = bin(M, 1),
    B100 = bin(M, 100),
    d(erlang:module_loaded(M)),
    d(catch erlang:delete_module(M)),
    d(catch erlang:purge_module(M)),
    d(code:load_binary(M, "t_comp_ld1.erl", B1)),
    d({M:f(41), M:g(), M:h(), erlang:module_loaded(M), erlang:check_old_code(M)}),
    %% A new version: the old one stays until purged; h/0 is gone.
    d(code:load_binary(M, "t_comp_ld1.erl", B100)),
    d({M:f(1), erlang:check_old_code(M), erlang:function_exported(M, h, 0)}),
    d(catch M:h()),
    d(erlang:load_module(M, B1)),
    d(code:purge(M)),
    d(erlang:check_old_code(M)),
    d(erlang:load_module(M, B1)),
    d({M:f(1), M:h()}),
    %% Deleting needs the old version purged first.
    d(code:delete(M)),
    d(catch erlang:delete_module(M)),
    d(code:soft_purge(M)),
    d(code:delete(M)),
    d({erlang:module_loaded(M), erlang:check_old_code(M)}),
    d(catch M:f(1)),
    d(code:delete(M)),
    d(erlang:purge_module(M)),
    d(catch erlang:purge_module(M)),
    d(erlang:delete_module(M)),
    %% Errors.
    d(erlang:load_module(t_comp_other, B1)),
    d(erlang:load_module(M, <<"not a beam file">>)),
    d(catch erlang:load_module(M, not_a_binary)),
    d(catch erlang:load_module("m", B1)),
    d(code:load_binary(M, [bad], B1)),
    %% Loaded again after all that.
    d(code:load_binary(M, M, B100)),
    d(M:f(0)),
    sync_logger().

%% The loader's reports reach the logger process through erts' system
%% message dispatcher (a thread of its own: no Erlang call can wait for
%% it), then its handler writes them. Give the dispatcher time, then wait
%% for the logger and the handler; else `-s init stop` races with the
%% reports (on erl too: it loses some or all of them).
sync_logger() ->
    timer:sleep(100),
    _ = sys:get_state(logger),
    ok = logger_std_h:filesync(default).
