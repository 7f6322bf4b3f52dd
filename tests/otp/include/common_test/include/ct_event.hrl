%% Minimal replacement for common_test's ct_event.hrl: the event record the benchmark cases
%% pass to ct_event:notify/1 (see tests/otp/stubs/ct_event.erl).
-record(event, {name, node, data}).
