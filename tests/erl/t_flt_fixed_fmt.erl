%% io_lib ~f/~e/~g with every precision 0..17 on halfway and tricky
%% values, field widths, padding characters and justification; and
%% float_to_binary decimals/scientific/compact on the same values.
-module(t_flt_fixed_fmt).
-export([main/0]).

id(X) -> X.

vals() ->
    [0.5, 1.5, 2.5, 0.125, 0.375, 1.005, 2.675, 1.45, 0.045, 9.995, 99.5, 999999.5,
     1.0e22, 1.0e23, 123456789.125, 5.0e-324, 2.2250738585072014e-308, 0.1, -0.0, -2.5,
     1.0e-7, 6.02214076e23].

main() ->
    lists:foreach(
      fun(V0) ->
              V = id(V0),
              Fs = [lists:flatten(io_lib:format("~.*f", [P, V])) || P <- lists:seq(1, 17)],
              Es = [lists:flatten(io_lib:format("~.*e", [P, V])) || P <- lists:seq(2, 17)],
              Gs = [lists:flatten(io_lib:format("~.*g", [P, V])) || P <- lists:seq(2, 17)],
              io:format("~p~n  ~p~n  ~p~n  ~p~n", [V, Fs, Es, Gs])
      end, vals()),
    %% widths, fill characters and justification
    X = id(3.14159),
    io:format("[~10.2f] [~-10.2f] [~10.2.*f] [~-10.2.0f] [~3.2f] [~*.*f]~n", [X, X, $_, X, X, X, 12, 4, X]),
    io:format("[~12.3e] [~-12.3e] [~12.3.xe] [~15g] [~-15g]~n", [X, X, X, X, X]),
    io:format("[~f] [~e] [~g] [~.1f] [~.2e]~n", [-X, -X, -X, -X, -X]),
    %% ~f with integers is an error; ~w/~p print integers normally
    io:format("~p~n", [try io_lib:format("~f", [id(1)]) catch error:R -> R end]),
    %% float_to_binary variants on the same tricky values
    io:format("~p~n", [[{float_to_binary(V, [{decimals, 2}]), float_to_binary(V, [{decimals, 2}, compact]),
                         float_to_binary(V, [{scientific, 4}])} || V <- vals()]]),
    %% io_lib_format:fwrite_g, the ~p algorithm
    io:format("~p~n", [[io_lib_format:fwrite_g(V) || V <- vals()]]),
    ok.
