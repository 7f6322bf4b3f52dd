% Loading corrupted code: {error, badfile} from erlang:load_module/2 and
% code:load_binary/3, never a crash, and erl's loader reports (corrupt
% file header, missing code chunk); the VM goes on and loads the intact
% module afterwards. Bad instructions: their reports name the instruction
% in each VM's own terms (erl: the specific instruction its loader made,
% "op i_bif2: ssjbd"; girder's verifier: the generic one), so this
% process takes them as the system logger and shows their first words. The image is `t_lbf_v` (f(X) when is_integer(X) ->
% {ok, X + 1}; f(_) -> error.), compiled with +deterministic
% +no_line_info; the variants change one byte of its Code chunk.
-module(t_load_badfile).
-export([main/0]).

beam() ->
    <<
      70,79,82,49,0,0,2,72,66,69,65,77,65,116,85,56,0,0,0,60,0,0,0,8,
      7,116,95,108,98,102,95,118,1,102,6,101,114,108,97,110,103,1,43,2,111,107,5,101,
      114,114,111,114,11,109,111,100,117,108,101,95,105,110,102,111,15,103,101,116,95,109,111,100,
      117,108,101,95,105,110,102,111,67,111,100,101,0,0,0,88,0,0,0,16,0,0,0,0,
      0,0,0,178,0,0,0,8,0,0,0,3,1,16,2,18,34,16,1,32,45,53,3,125,
      5,16,0,87,3,16,17,3,16,48,16,164,3,23,32,82,3,19,1,48,64,98,3,19,
      1,64,2,18,114,0,1,80,64,18,3,78,16,16,1,96,2,18,114,16,1,112,64,3,
      19,64,18,3,78,32,32,3,83,116,114,84,0,0,0,0,73,109,112,84,0,0,0,40,
      0,0,0,3,0,0,0,3,0,0,0,4,0,0,0,2,0,0,0,3,0,0,0,8,
      0,0,0,1,0,0,0,3,0,0,0,8,0,0,0,2,69,120,112,84,0,0,0,40,
      0,0,0,3,0,0,0,7,0,0,0,1,0,0,0,7,0,0,0,7,0,0,0,0,
      0,0,0,5,0,0,0,2,0,0,0,1,0,0,0,2,77,101,116,97,0,0,0,29,
      131,108,0,0,0,1,104,2,100,0,16,101,110,97,98,108,101,100,95,102,101,97,116,117,
      114,101,115,106,106,0,0,0,76,111,99,84,0,0,0,4,0,0,0,0,65,116,116,114,
      0,0,0,40,131,108,0,0,0,1,104,2,100,0,3,118,115,110,108,0,0,0,1,110,
      16,0,222,158,146,87,145,101,179,187,99,79,51,206,4,235,102,232,106,106,67,73,110,102,
      0,0,0,27,131,108,0,0,0,1,104,2,100,0,7,118,101,114,115,105,111,110,107,0,
      5,56,46,50,46,51,106,0,68,98,103,105,0,0,0,85,131,104,3,100,0,13,100,101,
      98,117,103,95,105,110,102,111,95,118,49,100,0,17,101,114,108,95,97,98,115,116,114,97,
      99,116,95,99,111,100,101,104,2,100,0,4,110,111,110,101,108,0,0,0,2,100,0,13,
      100,101,116,101,114,109,105,110,105,115,116,105,99,100,0,12,110,111,95,108,105,110,101,95,
      105,110,102,111,106,0,0,0,76,105,110,101,0,0,0,20,0,0,0,0,0,0,0,0,
      0,0,0,0,0,0,0,0,0,0,0,0,84,121,112,101,0,0,0,44,0,0,0,1,
      0,0,0,2,31,255,0,0,0,0,0,0,0,0,255,255,255,255,255,255,255,255,0,64,
      0,0,0,0,0,0,0,0,255,255,255,255,255,255,255,255>>.

% Byte `Off` of the instructions (the Code chunk's code starts at byte
% 108 of the file) replaced by `New`.
patch(Off, New) ->
    <<Pre:(108 + Off)/binary, _, Post/binary>> = beam(),
    <<Pre/binary, New, Post/binary>>.

% The image with chunk `Id` renamed (so it is missing).
rename(Id) ->
    binary:replace(beam(), Id, <<"Xxxx">>).

% The image with the first count word of chunk `Id` set to 2^31.
huge_count(Id) ->
    B = beam(),
    {Pos, 4} = binary:match(B, Id),
    <<Pre:(Pos + 8)/binary, _:32, Post/binary>> = B,
    <<Pre/binary, 16#80000000:32, Post/binary>>.

main() ->
    bad_instructions(),
    Truncated = binary:part(beam(), 0, 300),
    erlang:display(erlang:load_module(t_lbf_v, Truncated)),
    erlang:display(erlang:load_module(t_lbf_v, <<"FOR1", 4:32, "BEAM">>)),
    erlang:display(erlang:load_module(t_lbf_v, <<1, 2, 3>>)),
    % A chunk renamed is a chunk missing; a table's count made huge is a
    % corrupt table: erl's reader checks code, atoms, imports, exports,
    % lambdas, literals, lines and types in that order.
    [erlang:display({Id, erlang:load_module(t_lbf_v, rename(Id))})
     || Id <- [<<"Code">>, <<"AtU8">>, <<"ImpT">>, <<"ExpT">>]],
    [erlang:display({Id, erlang:load_module(t_lbf_v, huge_count(Id))})
     || Id <- [<<"AtU8">>, <<"ImpT">>, <<"ExpT">>, <<"Line">>]],
    erlang:display(erlang:load_module(t_lbf_other, beam())),
    erlang:display(code:is_loaded(t_lbf_v)),
    erlang:display(catch t_lbf_v:f(1)),
    erlang:display(code:ensure_loaded(t_lbf_no_such_module)),
    %% (erl's code server logs a failed code:load_binary/3 through a
    %% logger handler that fails under the test runner's configuration, so
    %% only the successful one is compared.)
    erlang:display(code:load_binary(t_lbf_v, "t_lbf_v.beam", beam())),
    erlang:display(t_lbf_v:f(41)),
    erlang:display(t_lbf_v:f(a)),
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

bad_instructions() ->
    % gc_bif2 '+' with import index 9 (the module has fewer imports).
    BadImport = patch(14, 16#90),
    % put_tuple2 with the atom [] as its destination.
    BadDest = patch(24, 16#02),
    Old = erlang:system_flag(system_logger, self()),
    erlang:display(erlang:load_module(t_lbf_v, BadImport)),
    erlang:display(erlang:load_module(t_lbf_v, BadDest)),
    R1 = report(),
    R2 = report(),
    erlang:system_flag(system_logger, Old),
    erlang:display(R1),
    erlang:display(R2).

% The next report: its level, format, the words of its text up to the
% instruction, and its metadata's emulator part (from this process).
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
