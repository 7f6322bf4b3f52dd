% Loading code with bad instructions: {error, badfile} from
% erlang:load_module/2, never a crash, and one loader report each to the
% system logger (here this process), as erl's loader sends them
% (erts_send_error_to_logger: {log, error, "~s~n", [Text], Meta}). The
% image is t_load_badfile's `t_lbf_v` with one byte of its Code chunk
% changed. The texts name the instruction in each VM's own terms (erl:
% the specific instruction its loader made, "op i_bif2: ssjbd"; girder's
% verifier: the generic one), so only their first words are shown.
-module(t_load_badfunc).
-export([main/0]).

main() ->
    % gc_bif2 '+' with import index 9 (the module has fewer imports).
    BadImport = t_load_badfile:patch(14, 16#90),
    % put_tuple2 with the atom [] as its destination.
    BadDest = t_load_badfile:patch(24, 16#02),
    Old = erlang:system_flag(system_logger, self()),
    erlang:display(erlang:load_module(t_lbf_v, BadImport)),
    erlang:display(erlang:load_module(t_lbf_v, BadDest)),
    R1 = report(),
    R2 = report(),
    erlang:system_flag(system_logger, Old),
    erlang:display(R1),
    erlang:display(R2),
    erlang:display(code:is_loaded(t_lbf_v)),
    erlang:display(erlang:load_module(t_lbf_v, t_load_badfile:beam())),
    erlang:display(t_lbf_v:f(1)).

% The next report: its level, format, the words of its text up to the
% instruction, and who sent it.
report() ->
    Me = self(),
    GL = group_leader(),
    receive
        {log, Level, Format, [Text], #{pid := Me, gl := GL, error_logger := EL}} ->
            {Level, Format, words(Text), EL};
        Other ->
            {unexpected, Other}
    after 5000 ->
        no_report
    end.

% "beam/beam_load.c(436): Error loading function t_lbf_v:f/1: op ..." ->
% ["Error", "loading", "function", "t_lbf_v:f/1:"]
words(Text) ->
    Ws = string:lexemes(Text, " "),
    Ws1 = case Ws of
              ["beam/beam_load.c" ++ _ | Rest] -> Rest;
              _ -> Ws
          end,
    lists:sublist(Ws1, 4).
