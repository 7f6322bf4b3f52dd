%% The application resource file: what application:start(counter) reads
%% from the code path (scripts/try copies it next to the compiled modules).
{application, counter,
 [{description, "A counter under a supervisor (Girder example)"},
  {vsn, "1.0.0"},
  {modules, [counter_app, counter_sup, counter_server, counter_demo]},
  {registered, [counter_sup, counter_server]},
  {applications, [kernel, stdlib]},
  {mod, {counter_app, []}},
  {env, [{start_value, 10}]}]}.
