%% module_info/0,1 of a freshly loaded module: exports in code order
%% (the compiler writes ExpT reversed), attributes, module name;
%% erlang:loaded/0.
-module(t_code_module_info).
-export([main/0, zeta/1, alpha/0]).
-export([mid/2]).
-vsn(42).
-custom_attr({some, value}).

main() ->
    erlang:display(?MODULE:module_info(exports)),
    erlang:display(erlang:get_module_info(?MODULE, exports)),
    erlang:display(?MODULE:module_info(module)),
    erlang:display(?MODULE:module_info(attributes)),
    erlang:display(proplists:get_value(exports, ?MODULE:module_info())),
    erlang:display([{F, A} || {F, A} <- ?MODULE:module_info(exports), erlang:function_exported(?MODULE, F, A)]),
    erlang:display(catch ?MODULE:module_info(no_such_key)),
    erlang:display({zeta(1), alpha(), mid(1, 2)}),
    Loaded = erlang:loaded(),
    erlang:display({loaded, lists:member(?MODULE, Loaded), lists:member(proplists, Loaded),
                    lists:all(fun erlang:is_atom/1, Loaded), length(Loaded) =:= length(lists:usort(Loaded))}).

zeta(X) -> X + 1.
alpha() -> a.
mid(A, B) -> A + B.
