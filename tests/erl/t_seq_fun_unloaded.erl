-module(t_seq_fun_unloaded).
-export([main/0]).

%% binary_to_term of a fun whose module is not loaded creates the fun
%% (hash_SUITE:test_basic); loading the module later binds it.
main() ->
    unknown_module(),
    lazy_module(),
    ok.

%% Funs of a module `t` that does not exist (from hash_SUITE).
unknown_module() ->
    B1 = <<131,112,0,0,0,66,0,215,206,77,69,249,50,170,17,129,47,21,98,
           13,196,76,242,0,0,0,1,0,0,0,0,100,0,1,116,97,1,98,2,195,126,
           58,103,100,0,13,110,111,110,111,100,101,64,110,111,104,111,
           115,116,0,0,0,112,0,0,0,0,0>>,
    B5 = <<131,112,0,0,0,92,0,215,206,77,69,249,50,170,17,129,47,21,98,
           13,196,76,242,0,0,0,5,0,0,0,3,100,0,1,116,97,5,98,0,99,101,
           130,103,100,0,13,110,111,110,111,100,101,64,110,111,104,111,
           115,116,0,0,0,112,0,0,0,0,0,100,0,3,97,98,99,100,0,3,97,98,
           100,104,2,100,0,3,97,98,99,100,0,3,97,98,100>>,
    F1 = binary_to_term(B1),
    F5 = binary_to_term(B5),
    erlang:display({is_function(F1), is_function(F5, 0)}),
    erlang:display({erlang:phash2(F1), erlang:phash2(F5), erlang:phash2(F5, 1000)}),
    [erlang:display(erlang:fun_info(F5, K)) || K <- [module, name, arity, index, env, type]],
    erlang:display(F1 =:= binary_to_term(B1)),
    erlang:display(F1 =:= F5),
    erlang:display(catch binary_to_term(<<131,112,0,0,0,66,0>>)).

%% A fun of t_seq_fun_unloaded_m (on the code path, not loaded yet): its
%% `adder/1` lambda as erl's term_to_binary writes it. If that module's
%% source changes, regenerate: term_to_binary(t_seq_fun_unloaded_m:adder(40)).
lazy_module() ->
    M = t_seq_fun_unloaded_m,
    erlang:display(code:is_loaded(M)),
    Md5 = <<46,231,31,154,209,84,168,243,250,238,196,92,69,205,211,1>>,
    Body = <<1, Md5/binary, 0:32, 1:32, 100, 20:16, "t_seq_fun_unloaded_m",
             97, 0, 98, 1,119,56,252,
             88, 100, 0, 13, "nonode@nohost", 0:32, 0:32, 0:32, 97, 40>>,
    F = binary_to_term(<<131, 112, (byte_size(Body) + 4):32, Body/binary>>),
    erlang:display(code:is_loaded(M)),
    erlang:display(erlang:fun_info(F, name)),
    erlang:display(erlang:fun_info(F, env)),
    {module, M} = code:ensure_loaded(M),
    erlang:display(erlang:fun_info(F, name)),
    erlang:display(F(2)),
    erlang:display(F =:= M:adder(40)),
    %% Guards the hard-coded digest above.
    erlang:display(M:module_info(md5) =:= Md5).

