%% Records: defaults, record_info, nested records, updates of nested
%% fields, field index (#r.f), matching in heads and guards, is_record,
%% records in lists/maps and printing as tuples.
-module(t_rec2_basic).
-export([main/0, id/1]).

-record(point, {x = 0, y = 0}).
-record(rect, {tl = #point{}, br = #point{x = 10, y = 10}, label = "rect" :: string()}).
-record(node, {key, val, left = nil, right = nil}).
-record(empty, {}).
-record(counter, {n = 0 :: integer(), hist = [] :: list()}).

id(X) -> X.

p(X) -> io:format("~p~n", [X]).

area(#rect{tl = #point{x = X1, y = Y1}, br = #point{x = X2, y = Y2}}) ->
    abs(X2 - X1) * abs(Y2 - Y1).

insert(K, V, nil) -> #node{key = K, val = V};
insert(K, V, N = #node{key = K0}) when K < K0 -> N#node{left = insert(K, V, N#node.left)};
insert(K, V, N = #node{key = K0}) when K > K0 -> N#node{right = insert(K, V, N#node.right)};
insert(_, V, N) -> N#node{val = V}.

to_list(nil) -> [];
to_list(#node{key = K, val = V, left = L, right = R}) -> to_list(L) ++ [{K, V}] ++ to_list(R).

bump(C = #counter{n = N, hist = H}) -> C#counter{n = N + 1, hist = [N | H]}.

kind(R) when is_record(R, point) -> point;
kind(R) when is_record(R, rect, 4) -> rect;
kind(#empty{}) -> empty;
kind(_) -> other.

main() ->
    P = #point{x = 3},
    p(P),
    p({P#point.x, P#point.y, #point.y, #rect.label}),
    p(record_info(fields, rect)),
    p({record_info(size, rect), record_info(size, empty), record_info(fields, empty)}),
    R = #rect{br = #point{x = 4, y = 5}},
    p(R),
    p(area(R)),
    R2 = R#rect{tl = (R#rect.tl)#point{x = 1}, label = "moved"},
    p(R2),
    p(area(R2)),
    p((R2#rect.br)#point.y),
    T = lists:foldl(fun({K, V}, Acc) -> insert(K, V, Acc) end, nil,
                    [{5, e}, {2, b}, {8, h}, {1, a}, {9, i}, {5, ee}]),
    p(to_list(T)),
    p(T),
    C = lists:foldl(fun(_, Acc) -> bump(Acc) end, #counter{}, lists:seq(1, 5)),
    p(C),
    p([kind(X) || X <- [P, R, #empty{}, {point, 1}, {point, 1, 2, 3}, id(#rect{})]]),
    p([X || #point{x = X} <- [#point{x = 1}, #rect{}, #point{x = 2}, {point}]]),
    p(lists:keyfind(7, #point.x, [#point{x = 5}, #point{x = 7, y = 1}])),
    p(lists:keysort(#point.y, [#point{y = 3}, #point{y = 1}, #point{y = 2}])),
    p(element(#node.val, #node{key = k, val = v})),
    p(setelement(#point.y, P, 99)),
    p(is_record(id(P), point)),
    p(is_record(id(P), point, 3)),
    p(is_record(id(P), rect)),
    M = #{p => P, r => R},
    #{p := #point{x = MX}} = M,
    p(MX),
    p(#point{_ = 7}),
    p(#rect{_ = z, label = l}),
    p(catch (id(#empty{}))#point.x),
    ok.
