%% otp_report: reads the output of tests/otp/otp_runner.erl on erl and on girder (files
%% OUTDIR/erl.SUITE.out and OUTDIR/girder.SUITE.out, written by scripts/otp-suites), prints
%% the comparison table and girder's failures grouped by cause, checks
%% tests/otp/expected-pass.txt, and (after a run of all suites) writes tests/otp/RESULTS.md.
%% Runs on erl only.
%%
%%   erl -noshell -pa BEAMDIR -s otp_report main OUTDIR OTPDIR ALL(0|1) UPDATE(0|1) SUITE... -s init stop
-module(otp_report).
-export([main/1]).

-record(run, {cases = #{},      % Idx => {Case, Status, Detail}
              load = ok,        % ok | {error, Why}: the suite module did not load
              notes = []}).     % [string()]

main([OutDir, OtpDir, All, Update | Suites]) ->
    Out = atom_to_list(OutDir),
    Rows = [row(S, parse(Out, erl, S), parse(Out, girder, S)) || S <- Suites],
    Table = table(Rows),
    Causes = causes(Rows),
    Areas = areas(Rows, filename:join(atom_to_list(OtpDir), "causes.txt")),
    Notes = lists:append([N || #{notes := N} <- Rows]),
    Text = ["## Results\n\n", Table, "\n",
            "## Girder failures by cause\n\n",
            "Cases that pass on erl but not on girder, grouped by what went wrong.\n\n",
            Causes,
            "\n## Remaining failures by area\n\n",
            "Why each case still fails, from tests/otp/causes.txt (`Suite:Case Area: why`), ",
            "grouped by the area of work that fixes it.\n\n",
            Areas,
            case Notes of
                [] -> [];
                _ -> ["\n## Notes\n\n", [["- ", N, "\n"] || N <- Notes]]
            end],
    io:put_chars(Text),
    Expected = filename:join(atom_to_list(OtpDir), "expected-pass.txt"),
    Rc = check_expected(Expected, Rows, Update =:= '1'),
    case All of
        '1' ->
            Results = filename:join(atom_to_list(OtpDir), "RESULTS.md"),
            ok = file:write_file(Results, results_md(Text)),
            io:format("otp-suites: wrote ~s~n", [Results]);
        _ ->
            ok
    end,
    halt(Rc).

%% No date in it: the file changes only when the results do.
results_md(Text) ->
    ["# OTP emulator suites on girder\n\n",
     "Latest full run of `scripts/otp-suites` (see README.md): OTP 25.2.3's `erts/emulator/test/*_SUITE.erl` under `tests/otp/otp_runner.erl`, ",
     "on erl (", erlang:system_info(otp_release), ") and on girder. `skipped`: not run on erl ",
     "(peer nodes, drivers, missing OTP applications, not enough memory; see the skip list ",
     "in otp_runner.erl). Girder's columns count only the cases erl passes. `crashed`: the ",
     "girder process died or hung in that case (the run resumed after it).\n\n",
     Text].

%% ---------------------------------------------------------------- parsing

%% A suite's label may name its directory (kernel/code_SUITE): its file is VM.kernel.code_SUITE.out.
parse(Out, Vm, Suite) ->
    Key = [case C of $/ -> $.; _ -> C end || C <- atom_to_list(Suite)],
    File = filename:join(Out, atom_to_list(Vm) ++ "." ++ Key ++ ".out"),
    case file:read_file(File) of
        {ok, Bin} ->
            Lines = binary:split(Bin, <<"\n">>, [global]),
            {Run, _} = lists:foldl(fun(L, Acc) -> line(L, Acc) end,
                                   {#run{}, undefined}, Lines),
            Run;
        {error, _} ->
            #run{notes = ["no output file " ++ File]}
    end.

line(<<>>, Acc) ->
    Acc;
line(L, {Run, Cur} = Acc) ->
    case term(L) of
        {ok, {otp_run, Idx, _Suite, Case}} ->
            {set(Run, Idx, {Case, running, none}), {Idx, Case}};
        {ok, Str} when is_list(Str), Cur =/= undefined ->
            {Idx, Case} = Cur,
            Status = case io_lib:printable_latin1_list(Str) of
                         true -> lists:reverse(string:split(Str, " ", trailing));
                         false -> []
                     end,
            case Status of
                [St, _] when St =:= "ok"; St =:= "failed"; St =:= "skipped" ->
                    {set(Run, Idx, {Case, list_to_atom(St), none}), Cur};
                _ ->
                    Acc
            end;
        {ok, {otp_fail, _, _, Class, Reason}} when Cur =/= undefined ->
            {Idx, Case} = Cur,
            {set(Run, Idx, {Case, failed, {Class, Reason}}), Cur};
        {ok, {otp_skip, _, _, Reason}} when Cur =/= undefined ->
            {Idx, Case} = Cur,
            {set(Run, Idx, {Case, skipped, Reason}), Cur};
        {ok, {otp_crash, Idx, Why}} ->
            {Case, _, _} = maps:get(Idx, Run#run.cases, {unknown, x, x}),
            {set(Run, Idx, {Case, crashed, Why}), undefined};
        {ok, {otp_load_failed, _, Why}} ->
            {Run#run{load = {error, flat("~0p", [Why])}}, Cur};
        {ok, {otp_load_error, Why}} ->
            {Run#run{load = {error, Why}}, Cur};
        {ok, {otp_vm_died, Why}} ->
            {note(Run, "VM died outside a case: " ++ Why), undefined};
        {ok, {otp_init_per_suite_failed, S, R}} ->
            {note(Run, flat("~p: init_per_suite failed (cases ran anyway): ~0P", [S, R, 12])), Cur};
        {ok, {otp_all_failed, S, R}} ->
            {note(Run, flat("~p: all/0 failed: ~0P", [S, R, 7])), Cur};
        _ when Cur =/= undefined ->
            %% A failure line that does not parse (should not happen: the runner shrinks
            %% pids, refs and funs away) still marks the case failed.
            case L of
                <<"{otp_fail,", _/binary>> ->
                    {Idx, Case} = Cur,
                    {set(Run, Idx, {Case, failed, {unparsed, unparsed}}), Cur};
                _ ->
                    Acc
            end;
        _ ->
            Acc
    end.

term(L) ->
    try
        {ok, Toks, _} = erl_scan:string(binary_to_list(L) ++ "."),
        erl_parse:parse_term(Toks)
    catch
        _:_ -> error
    end.

set(Run, Idx, V) -> Run#run{cases = maps:put(Idx, V, Run#run.cases)}.
note(Run, N) ->
    %% A resumed run repeats init_per_suite's note.
    case lists:member(N, Run#run.notes) of
        true -> Run;
        false -> Run#run{notes = Run#run.notes ++ [N]}
    end.

flat(F, A) -> lists:flatten(io_lib:format(F, A)).

%% ---------------------------------------------------------------- one row per suite

row(Suite, Erl, Girder) ->
    EC = Erl#run.cases,
    GC = Girder#run.cases,
    Idxs = lists:sort(maps:keys(EC)),
    Per = [{Idx, maps:get(Idx, EC), maps:get(Idx, GC, {none, notrun, none})} || Idx <- Idxs],
    Count = fun(P) -> length([x || X <- Per, P(X)]) end,
    ErlPass = fun({_, {_, ok, _}, _}) -> true; (_) -> false end,
    Failures = [{Suite, Case, case {G, Girder#run.load} of
                                  {{_, notrun, _}, {error, Why}} -> {Case, load_error, Why};
                                  _ -> G
                              end}
                || {_, {Case, ok, _}, G} <- Per, element(2, G) =/= ok],
    #{suite => Suite,
      cases => length(Per),
      skipped => Count(fun({_, {_, S, _}, _}) -> S =:= skipped end),
      erl_passed => Count(ErlPass),
      erl_failed => Count(fun({_, {_, S, _}, _}) -> S =/= ok andalso S =/= skipped end),
      girder_passed => Count(fun(X = {_, _, {_, ok, _}}) -> ErlPass(X); (_) -> false end),
      girder_failed => Count(fun(X = {_, _, {_, S, _}}) -> ErlPass(X) andalso S =:= failed end),
      girder_crashed => Count(fun(X = {_, _, {_, S, _}}) ->
                                      ErlPass(X) andalso S =/= failed andalso S =/= ok end),
      girder_pass_list => [{Suite, C} || {_, {C, ok, _}, {_, ok, _}} <- Per],
      %% Cases erl did not pass in this very run: a flaky case (one that races with the
      %% machine's load, as ets_SUITE:massive_ets_all after ets_all's killed processes) is
      %% no girder regression when the reference fails it too.
      erl_miss_list => [{Suite, C} || {_, {C, S, _}, _} <- Per, S =/= ok],
      failures => Failures,
      notes => [flat("~p on erl: ~s", [Suite, N]) || N <- Erl#run.notes] ++
               [flat("~p on girder: ~s", [Suite, N]) || N <- Girder#run.notes] ++
               [flat("~p: ~p fails on erl: ~0p", [Suite, C, D])
                || {_, {C, S, D}, _} <- Per, S =/= ok, S =/= skipped]}.

table(Rows) ->
    Keys = [cases, skipped, erl_passed, erl_failed, girder_passed, girder_failed, girder_crashed],
    Total = maps:from_list([{K, lists:sum([maps:get(K, R) || R <- Rows])} || K <- Keys]),
    Head = "| suite | cases | skipped | erl passed | erl failed | girder passed | "
           "girder failed | girder crashed or not run |\n"
           "|---|---:|---:|---:|---:|---:|---:|---:|\n",
    Line = fun(Name, R) ->
                   ["| ", Name, " | ",
                    lists:join(" | ", [integer_to_list(maps:get(K, R)) || K <- Keys]), " |\n"]
           end,
    [Head, [Line(atom_to_list(maps:get(suite, R)), R) || R <- Rows],
     Line("**total**", Total),
     flat("~nGirder passes ~w of the ~w cases erl passes (~.1f%).~n",
          [maps:get(girder_passed, Total), maps:get(erl_passed, Total),
           100 * maps:get(girder_passed, Total) / max(1, maps:get(erl_passed, Total))])].

%% ---------------------------------------------------------------- causes

causes(Rows) ->
    Fs = lists:append([maps:get(failures, R) || R <- Rows]),
    Tagged = [{cause(G), {S, C}} || {S, C, G} <- Fs],
    Groups = lists:foldl(fun({K, SC}, M) -> maps:update_with(K, fun(L) -> [SC | L] end, [SC], M) end,
                         #{}, Tagged),
    Sorted = lists:sort(fun({{KA, _}, A}, {{KB, _}, B}) ->
                                {kind_order(KA), -length(A)} =< {kind_order(KB), -length(B)}
                        end, maps:to_list(Groups)),
    case Sorted of
        [] ->
            "None.\n";
        _ ->
            KindTotals = lists:foldl(fun({{K, _}, L}, M) -> maps:update_with(K, fun(N) -> N + length(L) end, length(L), M) end,
                                     #{}, Sorted),
            [lists:join(", ", [flat("~s: ~w", [K, N]) || {K, N} <- lists:sort(
                                    fun({A, _}, {B, _}) -> kind_order(A) =< kind_order(B) end,
                                    maps:to_list(KindTotals))]),
             ".\n\n| kind | detail | cases | examples |\n|---|---|---:|---|\n",
             [["| ", Kind, " | ", md(Detail), " | ", integer_to_list(length(L)), " | ",
               md(lists:join(" ", [flat("~s:~s", [S, C]) || {S, C} <- lists:sublist(lists:reverse(L), 4)]
                          ++ [" ..." || length(L) > 4])),
               " |\n"]
              || {{Kind, Detail}, L} <- Sorted]]
    end.

%% ---------------------------------------------------------------- areas (causes.txt)

%% Every girder failure with the area and reason causes.txt gives it; cases it does not
%% list are "unclassified" (a failure nobody has explained yet).
areas(Rows, File) ->
    Known = case file:read_file(File) of
                {ok, Bin} ->
                    maps:from_list(
                      [{{list_to_atom(S), list_to_atom(C)}, {string:trim(A), string:trim(W)}}
                       || L0 <- string:split(binary_to_list(Bin), "\n", all),
                          L <- [string:trim(L0)], L =/= "", hd(L) =/= $#,
                          [SC, Rest] <- [string:split(L, " ")],
                          [S, C] <- [string:split(SC, ":")],
                          [A, W] <- [string:split(string:trim(Rest), ":")]]);
                {error, _} ->
                    #{}
            end,
    Fs = lists:append([maps:get(failures, R) || R <- Rows]),
    Tagged = [{maps:get({S, C}, Known, {"unclassified", "no entry in causes.txt"}), {S, C}}
              || {S, C, _} <- Fs],
    ByArea = lists:foldl(fun({{A, W}, SC}, M) ->
                                 maps:update_with(A, fun(L) -> [{SC, W} | L] end, [{SC, W}], M)
                         end, #{}, Tagged),
    case maps:to_list(ByArea) of
        [] ->
            "None.\n";
        L ->
            ["| area | cases | case: why |\n|---|---:|---|\n",
             [["| ", A, " | ", integer_to_list(length(Cs)), " | ",
               md(lists:join("; ", [flat("~s:~s: ~s", [S, C, W]) || {{S, C}, W} <- lists:sort(Cs)])),
               " |\n"]
              || {A, Cs} <- lists:sort(L)]]
    end.

kind_order("unsupported instruction") -> 1;
kind_order("missing BIF") -> 2;
kind_order("undef (not a BIF)") -> 3;
kind_order("wrong result") -> 4;
kind_order("wrong exception") -> 5;
kind_order("load error") -> 6;
kind_order("timeout") -> 6;
kind_order("VM crash or hang") -> 7;
kind_order(_) -> 8.

%% {Kind, Detail} of a girder failure.
cause({_, load_error, Why}) ->
    {"load error", lists:sublist(Why, 160)};
cause({_, notrun, _}) ->
    {"VM crash or hang", "not reached (an earlier crash ended the run)"};
cause({_, crashed, Why}) ->
    {"VM crash or hang", crash_detail(Why)};
cause({_, _, {Class, Reason}}) ->
    cause_class(Class, Reason);
cause({_, S, D}) ->
    {"other", flat("~p ~0P", [S, D, 8])}.

cause_class({unsupported, Op}, _) ->
    {"unsupported instruction", flat("~0p", [Op])};
cause_class({undef, {M, F, A}}, _) ->
    case is_bif(M, F, A) of
        true -> {"missing BIF", flat("~p:~p/~p (undef)", [M, F, A])};
        false -> {"undef (not a BIF)", flat("~p:~p/~p", [M, F, A])}
    end;
cause_class({error, undefined, {M, F, A}}, _) ->
    %% OTP's erlang.erl stubs of BIFs raise `undefined`: the BIF is not implemented.
    {"missing BIF", flat("~p:~p/~p (stub in ~p.erl)", [M, F, A, M])};
cause_class({wrong_result, Kind}, Reason) ->
    {"wrong result", flat("~0p~s", [Kind, where(Reason)])};
cause_class({badarg, {M, F, A}}, _) ->
    {"wrong exception", flat("badarg from ~p:~p/~p", [M, F, A])};
cause_class({function_clause, {M, F, A}}, _) ->
    {"wrong exception", flat("function_clause in ~p:~p/~p", [M, F, A])};
cause_class(timeout, _) ->
    {"timeout", "case timed out (runner's per-case timeout)"};
cause_class({Class, Head, {M, F, A}}, _) when is_atom(Class) ->
    {"wrong exception", flat("~p:~0p in ~p:~p/~p", [Class, Head, M, F, A])};
cause_class(Class, _) ->
    {"other", flat("~0P", [Class, 8])}.

%% "in M:F/A" of the first frame of the suite module for a wrong result.
where({_, {_, [{M, F, A, _} | _]}}) when is_atom(M) ->
    flat(" in ~p:~p/~p", [M, F, if is_list(A) -> length(A); true -> A end]);
where(_) ->
    "".

crash_detail(Why) when is_list(Why) ->
    %% Keep the detail short, free of addresses and of glibc's varying words for a corrupt
    %% heap, so that equal causes group together and the report is stable.
    Heap = ["corrupt", "double free", "invalid pointer", "malloc", "munmap", "free()"],
    case lists:prefix("exit status 134", Why)
        andalso lists:any(fun(P) -> string:find(Why, P) =/= nomatch end, Heap) of
        true ->
            "exit status 134 (SIGABRT): glibc detected a corrupt heap";
        false ->
            W0 = re:replace(Why, "^exit status 139$", "exit status 139 (SIGSEGV)",
                            [{return, list}]),
            W = re:replace(W0, "0x[0-9a-f]+|[0-9]{4,}", "N", [global, {return, list}]),
            lists:sublist(W, 120)
    end;
crash_detail(Why) ->
    flat("~0P", [Why, 6]).

is_bif(M, F, A) ->
    try erlang:is_builtin(M, F, A) catch _:_ -> false end.

md(IoData) ->
    S = lists:flatten(io_lib:format("~s", [IoData])),
    lists:flatten([case C of $| -> "\\|"; $\n -> " "; _ -> C end || C <- S]).

%% ---------------------------------------------------------------- expected passes

check_expected(File, Rows, Update) ->
    Ran = [maps:get(suite, R) || R <- Rows],
    %% usort: a case run in two groups passes twice.
    Passing = lists:usort(lists:append([maps:get(girder_pass_list, R) || R <- Rows])),
    Expected = case file:read_file(File) of
                   {ok, Bin} ->
                       [list_to_tuple([list_to_atom(P) || P <- string:split(L, ":")])
                        || L0 <- string:split(binary_to_list(Bin), "\n", all),
                           L <- [string:trim(L0)], L =/= "", hd(L) =/= $#];
                   {error, _} -> []
               end,
    ExpRan = [E || {S, _} = E <- Expected, lists:member(S, Ran)],
    ErlMissed = lists:usort(lists:append([maps:get(erl_miss_list, R) || R <- Rows])),
    Excused = [E || E <- ExpRan -- Passing, lists:member(E, ErlMissed)],
    Regressions = (ExpRan -- Passing) -- Excused,
    case Excused of
        [] -> ok;
        _ -> io:format("~notp-suites: ~w expected case(s) not counted: erl failed them in this run too:~n~s",
                       [length(Excused), [flat("  ~s:~s~n", [S, C]) || {S, C} <- Excused]])
    end,
    New = Passing -- ExpRan,
    case New of
        [] -> ok;
        _ -> io:format("~notp-suites: ~w case(s) pass on girder that are not in ~s:~n~s",
                       [length(New), File, [flat("  ~s:~s~n", [S, C]) || {S, C} <- New]])
    end,
    case Update of
        true ->
            Keep = [E || {S, _} = E <- Expected, not lists:member(S, Ran)],
            All = lists:usort(Keep ++ Passing ++ Excused),
            ok = file:write_file(File, ["# Cases girder passes (scripts/otp-suites; OTP_SUITES_UPDATE=1 rewrites this).\n",
                                        [flat("~s:~s~n", [S, C]) || {S, C} <- All]]),
            io:format("otp-suites: wrote ~s (~w cases)~n", [File, length(All)]),
            0;
        false when Regressions =/= [] ->
            io:format("~notp-suites: REGRESSION: ~w case(s) in ~s no longer pass on girder:~n~s",
                      [length(Regressions), File, [flat("  ~s:~s~n", [S, C]) || {S, C} <- Regressions]]),
            1;
        false ->
            0
    end.
