%% error/2 and error/3 with error_info: frames printed with ~p, the
%% error_info map kept in the location list, and erl_error-style cause.
-module(t_exc2_error_info).
-export([main/0, id/1, validate/2, format_error/2]).

id(X) -> X.

validate(Name, Value) when is_atom(Name), is_integer(Value) -> ok;
validate(Name, Value) ->
    error(badarg, [Name, Value],
          [{error_info, #{module => ?MODULE, function => format_error,
                          cause => {bad_value, Value}}}]).

format_error(_Reason, [{_M, _F, _As, Info} | _]) ->
    ErrorInfo = proplists:get_value(error_info, Info, #{}),
    #{general => io_lib:format("cause ~p", [maps:get(cause, ErrorInfo, none)])}.

caller(X) ->
    R = validate(field, X),
    {ok, R}.

run(Name, F) ->
    try F() of
        V -> io:format("~p -> ~p~n", [Name, V])
    catch
        C:R:St ->
            io:format("~p: ~p ~p~n", [Name, C, R]),
            [io:format("  ~p~n", [Fr]) || Fr <- lists:sublist(St, 2)],
            ok
    end.

main() ->
    run(ok, fun() -> caller(1) end),
    run(bad, fun() -> caller(id(x)) end),
    run(error2_args, fun() -> error(id(reason), [1, {two}, "three"]) end),
    run(error2_none, fun() -> error(id(reason), none) end),
    run(error3_empty_map, fun() -> error(id(r), [a], [{error_info, #{}}]) end),
    run(error3_no_info, fun() -> error(id(r), [a], []) end),
    %% an error_info map from a BIF
    run(bif_atom_to_list, fun() -> atom_to_list(id("str")) end),
    run(bif_binary_part, fun() -> binary_part(id(<<"abc">>), 2, 5) end),
    run(bif_list_to_integer, fun() -> list_to_integer(id("12x")) end),
    run(bif_setelement, fun() -> setelement(id(4), {a, b}, c) end),
    %% format via the user-supplied format_error
    try caller(id(bad))
    catch error:badarg:St ->
            Map = format_error(badarg, St),
            io:format("~s~n", [maps:get(general, Map)])
    end,
    ok.
