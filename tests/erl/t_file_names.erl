%% File names between Erlang and the system: prim_file's encoding BIFs and
%% names with non-ASCII characters on disk.
-module(t_file_names).
-export([main/0]).

main() ->
    erlang:display(file:native_name_encoding()),
    N = [catch prim_file:internal_name2native(X)
         || X <- ["abc", <<"ab">>, [], <<>>, "é", [256], [[[$x]], [], "y"], lists:foldl(fun(_, A) -> [A] end, "deep", lists:seq(1, 100000)), [16#10FFFF], <<255>>, <<1:1>>,
                  abc, ["a", "b"], [0], <<"a", 0>>, [16#D800], [16#110000], [-1], [$a | b], 1.0]],
    [erlang:display(shape(X)) || X <- N],
    B = [catch prim_file:internal_native2name(X)
         || X <- [<<"abc">>, <<>>, <<"é"/utf8>>, <<255>>, "abc", <<1:1>>]],
    [erlang:display(shape(X)) || X <- B],
    T = [catch prim_file:is_translatable(X) || X <- [<<"abc">>, <<255>>, <<"é"/utf8>>, "abc"]],
    [erlang:display(shape(X)) || X <- T],
    D = "/tmp/t_file_names_" ++ os:getpid(),
    ok = file:make_dir(D),
    U = filename:join(D, [16#e9, $t, 16#e9, $-, 16#3b1]),
    erlang:display(file:make_dir(U)),
    erlang:display(file:list_dir(D) =:= {ok, [lists:nthtail(length(D) + 1, U)]}),
    erlang:display(element(1, file:read_file_info(U))),
    erlang:display(file:make_dir(<<(list_to_binary(D))/binary, "/raw", 255>>)),
    erlang:display(file:list_dir_all(D) =/= file:list_dir(D)),
    erlang:display(file:del_dir(<<(list_to_binary(D))/binary, "/raw", 255>>)),
    erlang:display(file:del_dir(U)),
    erlang:display(file:del_dir(D)),
    ok.

shape({'EXIT', {Why, _}}) -> {'EXIT', Why};
shape(X) -> X.
