-module(t_pterm_msg_share).
-export([main/0]).

%% Messages and spawn arguments share literals (persistent terms, module
%% constants) as in BEAM: erts_debug:size_shared/1 counts 0 words for
%% them in the receiver. Erasing the persistent term copies its value
%% into every process that holds it, also in queued messages, which then
%% keep their value.
main() ->
    Key = {?MODULE, k},
    persistent_term:put(Key, {make_ref(), [1, 2, 3]}),
    Lit = persistent_term:get(Key),
    Me = self(),
    P = spawn(fun() ->
                      Me ! {spawned, erts_debug:size_shared(Lit)},
                      receive go -> ok end,
                      receive {lit, L} ->
                              Me ! {got, L =:= Lit, erts_debug:size_shared(L) > 0}
                      end,
                      receive {const, C} -> Me ! {const, C, erts_debug:size_shared(C)} end
              end),
    receive {spawned, S} -> erlang:display({spawn_shares, S}) end,
    P ! {lit, Lit},
    Q = spawn(fun() -> receive M -> Me ! {size, erts_debug:size_shared(M)} end end),
    Q ! {wrap, Lit},
    receive {size, Sz} -> erlang:display({message_shares, Sz}) end,
    persistent_term:erase(Key),
    receive after 50 -> ok end,
    P ! go,
    receive {got, Same, Copied} -> erlang:display({after_erase, Same, Copied}) end,
    P ! {const, {a, "const"}},
    receive {const, C, CS} -> erlang:display({module_literal, C, CS}) end,
    ok.
