%% Minimal replacement for common_test's ct.hrl, for tests/otp/otp_runner.erl.
%% The emulator suites include it only for these macros. The runner has no peer nodes:
%% ?CT_PEER exits with {skip, Reason}, which the runner reports as a skipped case.

-define(line,).

-define(CT_PEER_NAME(TestCase), list_to_atom(?MODULE_STRING ++ "-" ++ atom_to_list(TestCase))).
-define(CT_PEER_NAME(), ?CT_PEER_NAME(?FUNCTION_NAME)).

-define(CT_PEER(Opts), exit({skip, {no_peer_nodes, Opts}})).
-define(CT_PEER(), ?CT_PEER([])).
-define(CT_PEER(Opts, Release, PrivDir), exit({skip, {no_peer_nodes, Opts, Release}})).

-define(config, otp_runner:lookup_config).

%% Importance and verbosity levels of ct:log/pal/print (common_test's values).
-define(MAX_IMPORTANCE, 99).
-define(HI_IMPORTANCE, 75).
-define(STD_IMPORTANCE, 50).
-define(LOW_IMPORTANCE, 25).
-define(MIN_IMPORTANCE, 0).
-define(MAX_VERBOSITY, 100).
-define(HI_VERBOSITY, 75).
-define(STD_VERBOSITY, 50).
-define(LOW_VERBOSITY, 25).
-define(MIN_VERBOSITY, 0).
