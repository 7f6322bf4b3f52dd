-module(arc_helper).
%% Helper module of the archive escript (see arc_main.erl).
-export([double/1, boom/0]).

double(X) -> 2 * X.

boom() -> erlang:error({boom, lists:seq(1, 3)}).
