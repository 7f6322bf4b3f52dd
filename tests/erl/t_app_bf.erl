%% A Brainfuck interpreter (tape as a tuple-backed array, precomputed
%% jump table in a map) and a small stack-machine VM with an assembler.
-module(t_app_bf).
-export([main/0]).

main() ->
    Hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++.",
    Out1 = bf(Hello, []),
    io:format("hello: ~p~n", [Out1]),
    %% reverse the input up to 0
    Rev = ">,[>,]<[.<]",
    io:format("rev: ~p~n", [bf(Rev, "stressed")]),
    %% add two digits
    Add = ",>,[<+>-]<------------------------------------------------.",
    io:format("add: ~p~n", [bf(Add, "34")]),
    %% squares up to 10000 (classic program, a little compressed)
    Sq = "++++[>+++++<-]>[<+++++>-]+<+[>[>+>+<<-]++>>[<<+>>-]>>>[-]++>[-]+>>>+[[-]++++++>>>]<<<[[<++++++++<++>>-]+<.<[>----<-]<]<<[>>>>>[>>>[-]+++++++++<[>-<-]+++++++++>[-[<->-]+[<<<]]<[>+<-]>]<<-]<<-]",
    SqOut = bf(Sq, []),
    Lines = string:lexemes(SqOut, "\n"),
    io:format("squares: ~b lines, first ~p, last ~p~n", [length(Lines), lists:sublist(Lines, 5), lists:last(Lines)]),
    %% errors
    io:format("unbalanced: ~p~n", [catch bf("[[]", [])]),
    io:format("unbalanced2: ~p~n", [catch bf("]", [])]),
    %% stack machine
    Progs = [
        {factorial, [{push, 1}, {push, 10}, label(loop), dup, {jz, done}, dup, {rot, 3}, mul, swap,
                     {push, 1}, sub, {jmp, loop}, label(done), pop, print, halt]},
        {gcd, [{push, 1071}, {push, 462}, label(l), dup, {jz, e}, dup, {rot, 3}, swap, 'mod', {jmp, l},
               label(e), pop, print, halt]},
        {sum_squares, [{push, 0}, {push, 1}, label(l), dup, {push, 101}, lt, {jz, e}, dup, dup, mul,
                       {rot, 3}, add, swap, {push, 1}, add, {jmp, l}, label(e), pop, print, halt]},
        {bigpow, [{push, 1}, {push, 100}, label(l), dup, {jz, e}, swap, {push, 3}, mul, swap, {push, 1},
                  sub, {jmp, l}, label(e), pop, print, halt]},
        {underflow, [{push, 1}, add, halt]},
        {divzero, [{push, 1}, {push, 0}, 'div', halt]},
        {badop, [{push, 1}, frobnicate]}
    ],
    lists:foreach(fun({Name, Src}) ->
                          Code = assemble(Src),
                          R = try vm(Code) of
                                  {Out, Steps} -> {ok, Out, Steps}
                              catch
                                  throw:E -> {vm_error, E};
                                  error:E -> {crash, E}
                              end,
                          io:format("~p: ~p~n", [Name, R])
                  end, Progs),
    ok.

label(L) -> {label, L}.

%% ---------------------------------------------------------------- brainfuck
bf(Src, Input) ->
    Code = list_to_tuple([C || C <- Src, lists:member(C, "+-<>[].,")]),
    Jumps = jumps(Code, 1, [], #{}),
    run(Code, Jumps, 1, 0, #{}, Input, []).

jumps(Code, I, Stack, Acc) when I > tuple_size(Code) ->
    case Stack of [] -> Acc; _ -> error({unbalanced, open, Stack}) end;
jumps(Code, I, Stack, Acc) ->
    case element(I, Code) of
        $[ -> jumps(Code, I + 1, [I | Stack], Acc);
        $] ->
            case Stack of
                [O | S] -> jumps(Code, I + 1, S, Acc#{O => I, I => O});
                [] -> error({unbalanced, close, I})
            end;
        _ -> jumps(Code, I + 1, Stack, Acc)
    end.

run(Code, _J, Pc, _P, _T, _In, Out) when Pc > tuple_size(Code) -> lists:reverse(Out);
run(Code, J, Pc, P, T, In, Out) ->
    case element(Pc, Code) of
        $+ -> run(Code, J, Pc + 1, P, T#{P => (maps:get(P, T, 0) + 1) band 255}, In, Out);
        $- -> run(Code, J, Pc + 1, P, T#{P => (maps:get(P, T, 0) - 1) band 255}, In, Out);
        $> -> run(Code, J, Pc + 1, P + 1, T, In, Out);
        $< -> run(Code, J, Pc + 1, P - 1, T, In, Out);
        $. -> run(Code, J, Pc + 1, P, T, In, [maps:get(P, T, 0) | Out]);
        $, ->
            {C, In1} = case In of [H | Rest] -> {H, Rest}; [] -> {0, []} end,
            run(Code, J, Pc + 1, P, T#{P => C}, In1, Out);
        $[ ->
            case maps:get(P, T, 0) of
                0 -> run(Code, J, maps:get(Pc, J) + 1, P, T, In, Out);
                _ -> run(Code, J, Pc + 1, P, T, In, Out)
            end;
        $] ->
            case maps:get(P, T, 0) of
                0 -> run(Code, J, Pc + 1, P, T, In, Out);
                _ -> run(Code, J, maps:get(Pc, J) + 1, P, T, In, Out)
            end
    end.

%% ---------------------------------------------------------------- stack VM
assemble(Src) ->
    {Labels, _} = lists:foldl(fun({label, L}, {M, N}) -> {M#{L => N}, N};
                                 (_, {M, N}) -> {M, N + 1}
                              end, {#{}, 0}, Src),
    Ins = [resolve(I, Labels) || I <- Src, element(1, setelement(1, {x}, I)) =/= skip,
                                 not is_label(I)],
    list_to_tuple(Ins).

is_label({label, _}) -> true;
is_label(_) -> false.

resolve({jmp, L}, Ls) -> {jmp, maps:get(L, Ls)};
resolve({jz, L}, Ls) -> {jz, maps:get(L, Ls)};
resolve(I, _) -> I.

vm(Code) -> vm(Code, 0, [], [], 0).

vm(_Code, _Pc, _St, _Out, Steps) when Steps > 100000 -> throw(too_many_steps);
vm(Code, Pc, St, Out, Steps) ->
    Ins = element(Pc + 1, Code),
    case {Ins, St} of
        {halt, _} -> {lists:reverse(Out), Steps};
        {{push, V}, _} -> vm(Code, Pc + 1, [V | St], Out, Steps + 1);
        {pop, [_ | S]} -> vm(Code, Pc + 1, S, Out, Steps + 1);
        {dup, [A | S]} -> vm(Code, Pc + 1, [A, A | S], Out, Steps + 1);
        {swap, [A, B | S]} -> vm(Code, Pc + 1, [B, A | S], Out, Steps + 1);
        {{rot, 3}, [A, B, C | S]} -> vm(Code, Pc + 1, [B, C, A | S], Out, Steps + 1);
        {print, [A | _]} -> vm(Code, Pc + 1, St, [A | Out], Steps + 1);
        {{jmp, T}, _} -> vm(Code, T, St, Out, Steps + 1);
        {{jz, T}, [0 | S]} -> vm(Code, T, S, Out, Steps + 1);
        {{jz, _}, [_ | S]} -> vm(Code, Pc + 1, S, Out, Steps + 1);
        {Op, [B, A | S]} when Op =:= add; Op =:= sub; Op =:= mul; Op =:= 'div'; Op =:= 'mod'; Op =:= lt ->
            vm(Code, Pc + 1, [arith(Op, A, B) | S], Out, Steps + 1);
        {Op, _} when is_atom(Op) ->
            case lists:member(Op, [add, sub, mul, 'div', 'mod', lt, pop, dup, swap, print]) of
                true -> throw({stack_underflow, Pc, Op});
                false -> throw({bad_instruction, Pc, Op})
            end
    end.

arith(add, A, B) -> A + B;
arith(sub, A, B) -> A - B;
arith(mul, A, B) -> A * B;
arith('div', A, B) -> A div B;
arith('mod', A, B) -> A rem B;
arith(lt, A, B) when A < B -> 1;
arith(lt, _, _) -> 0.
