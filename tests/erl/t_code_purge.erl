%% Purging a module version frees it, as BEAM's purge does: processes
%% running the old code are killed (code:purge/1 answers true), processes
%% holding funs of it are not (calling such a fun raises badfun), and
%% literals of the old version that processes still hold keep their
%% values. A loop of loads and purges keeps working throughout.
-module(t_code_purge).
-export([main/0]).

src(V) ->
    "-module(t_cp_m).
     -export([lits/0, adder/1, parse/1, build/1, loop/0, wait_then/1, v/0, strs/1]).
     v() -> " ++ integer_to_list(V) ++ ".
     lits() -> {lit, [1,2,3], <<\"0123456789012345678901234567890123456789012345678901234567890123456789-big\">>,
                #{a => 1, b => [x, \"str\"]}, 123456789012345678901234567890, 1.5, <<\"small\">>,
                <<1:3>>, fun lists:reverse/1}.
     adder(N) -> fun(X) -> X + N + " ++ integer_to_list(V) ++ " end.
     parse(<<\"hdr:\", X:8, Rest/binary>>) -> {X, Rest};
     parse(<<\"other\", _/binary>>) -> other;
     parse(_) -> no.
     build(X) -> <<X:16, \"tail\", X/utf8>>.
     strs(\"abc\" ++ T) -> T;
     strs(_) -> none.
     loop() -> receive {call, From} -> From ! {self(), v()}, loop(); stop -> ok end.
     wait_then(Parent) -> receive go -> Parent ! {done, v()} end.
    ".

forms(V) ->
    {ok, Ts, _} = erl_scan:string(src(V)),
    split(Ts, [], []).

split([], [], Acc) -> lists:reverse(Acc);
split([{dot, _} = D | T], Cur, Acc) ->
    {ok, F} = erl_parse:parse_form(lists:reverse([D | Cur])),
    split(T, [], [F | Acc]);
split([X | T], Cur, Acc) -> split(T, [X | Cur], Acc).

bin(V) ->
    {ok, t_cp_m, B} = compile:forms(forms(V), []),
    B.

d(T) -> erlang:display(T).

use_all() ->
    {t_cp_m:lits(), (t_cp_m:adder(1))(2), t_cp_m:parse(<<"hdr:", 7, "rest">>),
     t_cp_m:parse(<<"other..">>), t_cp_m:build(300), t_cp_m:strs("abcdef")}.

%% A process that keeps literals of the current version in its state,
%% in its dictionary and in a message it has not received yet.
keeper() ->
    L = t_cp_m:lits(),
    put(lit, element(3, L)),
    self() ! {later, element(4, L)},
    receive show ->
            d({keeper, L, get(lit)}),
            receive {later, M} -> d({keeper_msg, M}) end
    end.

main() ->
    B1 = bin(1),
    B2 = bin(2),
    {module, t_cp_m} = code:load_binary(t_cp_m, "t_cp_m.erl", B1),
    First = use_all(),
    d(First),
    %% (d) literals held by living processes survive purges.
    Keeper = spawn(fun keeper/0),
    Mine = t_cp_m:lits(),
    persistent_term:put(t_code_purge_lit, element(2, Mine)),
    %% (b) a process running old code, (c) one holding an old fun.
    Runner = spawn(fun t_cp_m:loop/0),
    Waiter = spawn(t_cp_m, wait_then, [self()]),
    Fun = t_cp_m:adder(10),
    Holder = spawn(fun() -> receive {go, From} -> From ! {held, catch Fun(1)} end end),
    RunMon = monitor(process, Runner),
    timer:sleep(5),
    Runner ! {call, self()},
    receive {Runner, V0} -> d({runner_version, V0}) end,
    {module, t_cp_m} = code:load_binary(t_cp_m, "t_cp_m.erl", B2),
    d({v, t_cp_m:v(), erlang:check_old_code(t_cp_m)}),
    d({check, erlang:check_process_code(Runner, t_cp_m),
           erlang:check_process_code(Waiter, t_cp_m),
           erlang:check_process_code(Holder, t_cp_m),
           erlang:check_process_code(self(), t_cp_m)}),
    d({soft_purge, code:soft_purge(t_cp_m), erlang:check_old_code(t_cp_m)}),
    d({purge, code:purge(t_cp_m)}),
    d({alive, is_process_alive(Runner), is_process_alive(Waiter),
           is_process_alive(Holder), is_process_alive(Keeper)}),
    receive {'DOWN', RunMon, process, Runner, Why} -> d({runner_down, Why}) end,
    d({purge_again, code:purge(t_cp_m), catch erlang:purge_module(t_cp_m)}),
    %% The old fun is gone with its code (BEAM: badfun); a new one works.
    Holder ! {go, self()},
    receive {held, {'EXIT', {Reason, _}}} -> d({held, element(1, Reason)}) end,
    d({new_fun, (t_cp_m:adder(10))(1)}),
    d({mine, Mine}),
    Keeper ! show,
    timer:sleep(5),
    d({pterm, persistent_term:get(t_code_purge_lit)}),
    %% A loop of loads and purges: the code, literals and funs of each
    %% version are freed; every version works while current.
    Last = lists:foldl(fun(I, _) ->
                               B = case I rem 2 of 0 -> B1; 1 -> B2 end,
                               {module, t_cp_m} = code:load_binary(t_cp_m, "t_cp_m.erl", B),
                               false = code:purge(t_cp_m),
                               R = use_all(),
                               R
                       end, none, lists:seq(1, 300)),
    d({loop_same, Last =:= First, Last}),
    d({mine_after_loop, Mine}),
    %% delete + purge: the module is gone.
    d({delete, code:delete(t_cp_m), code:purge(t_cp_m), erlang:module_loaded(t_cp_m)}),
    d({gone, element(1, element(2, catch t_cp_m:v()))}),
    d({mine_at_end, Mine, First}),
    ok.
