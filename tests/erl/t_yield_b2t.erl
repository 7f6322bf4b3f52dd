-module(t_yield_b2t).
-export([main/0]).

%% list_to_bitstring/1, binary:list_to_bin/1 and binary_to_term/1,2 on
%% inputs bigger than a time slice: results as erl's, errors found after
%% yields reported with the original arguments (binary_SUITE's
%% error_after_yield), the trap function a running trace names, and
%% other processes running meanwhile.
main() ->
    L = mk_list(300000),
    BL = list_to_binary(L),
    BS = list_to_bitstring(bitlist(L)),
    erlang:display({l2bs, bit_size(BS), erlang:phash2(BS)}),
    erlang:display({l2bs_tail, list_to_bitstring([L, <<1:1>>, <<5:3>>])
                                   =:= <<BL/binary, 1:1, 5:3>>}),
    erlang:display({list_to_bin, binary:list_to_bin([L, <<"x">>]) =:= <<BL/binary, "x">>}),
    Bad = [L, oops],
    erlang:display(err(erlang, list_to_bitstring, [[bitlist(L), oops]])),
    erlang:display(err(erlang, list_to_bitstring, [[L | <<1:2>>]])),
    erlang:display(err(binary, list_to_bin, [Bad])),
    erlang:display(err(binary, list_to_bin, [[L, <<1:3>>]])),
    %% binary_to_term of big terms: every kind of term, and compressed.
    T = big_term(),
    E = term_to_binary(T),
    erlang:display({b2t, binary_to_term(E) =:= T, byte_size(E)}),
    erlang:display({b2t_used, binary_to_term(<<E/binary, "junk">>, [used])
                       =:= {T, byte_size(E)}}),
    EC = term_to_binary(T, [compressed]),
    erlang:display({b2t_z, binary_to_term(EC) =:= T,
                    binary_to_term(<<EC/binary, 1, 2>>, [used, safe]) =:= {T, byte_size(EC)}}),
    BadExt = bad_ext_term(),
    erlang:display(err(erlang, binary_to_term, [BadExt])),
    erlang:display(err(erlang, binary_to_term, [BadExt, [safe]])),
    erlang:display(err(erlang, binary_to_term, [BadExt, [used]])),
    %% A safe decode of a new atom deep in a big term fails.
    NewAtom = <<131, 108, 200000:32, (binary:copy(<<97, 1>>, 199999))/binary,
                119, 12, "no_such_atom", 106>>,
    erlang:display(err(erlang, binary_to_term, [NewAtom, [safe]])),
    erlang:display({new_atom_unsafe, length(binary_to_term(NewAtom))}),
    %% Truncated: the last byte missing.
    Trunc = binary:part(E, 0, byte_size(E) - 1),
    erlang:display(err(erlang, binary_to_term, [Trunc])),
    %% Duplicate map keys found after yields.
    Dup = <<131, 116, 2:32, 97, 1, 108, 200000:32, (binary:copy(<<97, 1>>, 200000))/binary,
            106, 97, 1, 97, 2>>,
    erlang:display(err(erlang, binary_to_term, [Dup])),
    [yields(M, F, A, Trap)
     || {M, F, A, Trap} <- [{erlang, list_to_bitstring, [[bitlist(mk_list(1000000)), oops]],
                             list_to_binary_continue},
                            {binary, list_to_bin, [[mk_list(1000000), oops]],
                             list_to_binary_continue},
                            {erlang, binary_to_term, [bad_ext_term()], binary_to_term_trap},
                            {erlang, binary_to_term, [bad_ext_term(), [safe]],
                             binary_to_term_trap}]],
    fairness(E, T),
    ok.

mk_list(N) -> [I rem 256 || I <- lists:seq(1, N)].

bitlist(L) -> [[<<X>> | <<>>] || X <- L].

big_term() ->
    Bin = binary:copy(<<"0123456789">>, 10),
    [{I, -I * 1000000000000, float(I), atom_x, "str", <<I:32>>, Bin,
      #{I => [I], k => {}}, self(), make_ref(), fun lists:map/2, <<I:3>>}
     || I <- lists:seq(1, 20000)] ++ [maps:from_list([{K, K} || K <- lists:seq(1, 1000)])].

bad_ext_term() ->
    TupleSz = 2000000,
    <<131, AtomExt/binary>> = term_to_binary(an_atom_we_use_for_this),
    list_to_binary([131, 105, <<TupleSz:32/big>>,
                    lists:duplicate(TupleSz - 1, AtomExt),
                    [100, 255, 255, "oops"]]).

err(M, F, A) ->
    try apply(M, F, A) of
        R -> {no_error, erlang:phash2(R)}
    catch
        error:Reason:St ->
            [{M1, F1, A1, _} | _] = St,
            {Reason, M1, F1, A1 =:= A}
    end.

yields(M, F, A, Trap) ->
    Tracer = self(),
    {Pid, Mon} = spawn_monitor(
                   fun() ->
                           erlang:yield(),
                           erlang:trace(self(), true, [running, {tracer, Tracer}]),
                           R = (catch apply(M, F, A)),
                           erlang:trace(self(), false, [running, {tracer, Tracer}]),
                           exit({done, element(1, element(2, R))})
                   end),
    receive {'DOWN', Mon, process, Pid, Reason} -> ok end,
    Ref = erlang:trace_delivered(Pid),
    receive {trace_delivered, Pid, Ref} -> ok end,
    N = count(Pid, {erts_internal, Trap, 1}, 0),
    erlang:display({M, F, length(A), Reason, N > 2}).

count(P, TrapFunc, N) ->
    receive
        {trace, P, out, TrapFunc} ->
            receive {trace, P, in, TrapFunc} -> count(P, TrapFunc, N + 1)
            after 0 -> mismatch
            end;
        {trace, P, out, Func} ->
            receive {trace, P, in, Func} -> count(P, TrapFunc, N)
            after 0 -> other_mismatch
            end
    after 0 -> N
    end.

%% A process counting while a big decode runs gets turns.
fairness(E, T) ->
    Self = self(),
    C = spawn(fun() -> counter(Self, 0) end),
    receive counting -> ok end,
    T = binary_to_term(E),
    C ! {stop, Self},
    receive {count, N} -> erlang:display({others_ran, N > 0}) end.

counter(P, 0) -> P ! counting, counter(P, 1);
counter(P, N) ->
    receive {stop, P} -> P ! {count, N}
    after 0 -> counter(P, N + 1)
    end.
