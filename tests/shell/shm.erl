-module(shm).
-export([f/0, g/1]).

%% Compiled and loaded from the shell by tests/shell_cases.sh (c/1, l/1).
f() -> {hello, lists:sum([1, 2, 3])}.

g(X) when is_integer(X) -> X * 2.
