-module(t_atomics_ext).
-export([main/0]).

%% atomics and counters are magic references: their external form decodes
%% back to the live array within the node; erts_debug:size/1 counts BEAM's
%% magic reference thing (3 words); process_info(P, magic_ref) lists them.
main() ->
    A = atomics:new(2, []),
    ok = atomics:put(A, 2, 42),
    B = binary_to_term(term_to_binary(A)),
    erlang:display({same, A =:= B}),
    erlang:display({value, atomics:get(B, 2)}),
    ok = atomics:add(B, 2, 1),
    erlang:display({shared, atomics:get(A, 2)}),
    C = counters:new(1, [write_concurrency]),
    counters:add(C, 1, 5),
    C2 = binary_to_term(term_to_binary(C)),
    erlang:display({counter, counters:get(C2, 1)}),
    erlang:display({size, erts_debug:size(A), erts_debug:size(make_ref())}),
    {magic_ref, MRs} = process_info(self(), magic_ref),
    erlang:display({magic_refs, is_list(MRs),
                    lists:all(fun({Addr, _Size, Refc}) ->
                                      is_integer(Addr) andalso Refc >= 1
                              end, MRs)}),
    ok.
