%% A small ray tracer: spheres and a plane, Lambert + Phong shading,
%% shadows and one reflection bounce, vectors as tuples of floats. The
%% image is rendered to ASCII art and to a binary "PPM" whose checksum
%% and histogram are printed.
-module(t_app_raytrace).
-export([main/0]).

-define(W, 64).
-define(H, 32).

main() ->
    Scene = [{sphere, {0.0, -0.2, 3.0}, 0.8, {1.0, 0.2, 0.2}, 0.3},
             {sphere, {1.3, 0.1, 4.0}, 0.6, {0.2, 1.0, 0.3}, 0.1},
             {sphere, {-1.4, 0.3, 4.5}, 0.9, {0.3, 0.4, 1.0}, 0.5},
             {plane, {0.0, -1.0, 0.0}, {0.0, 1.0, 0.0}, {0.8, 0.8, 0.8}, 0.2}],
    Light = norm({-1.0, 1.5, -1.0}),
    Pixels = [[trace_pixel(X, Y, Scene, Light) || X <- lists:seq(0, ?W - 1)] || Y <- lists:seq(0, ?H - 1)],
    Ramp = " .:-=+*#%@",
    lists:foreach(fun(Row) ->
                          io:format("~s~n", [[lists:nth(1 + min(9, trunc(lum(C) * 10)), Ramp) || C <- Row]])
                  end, Pixels),
    Ppm = iolist_to_binary([io_lib:format("P6 ~b ~b 255~n", [?W, ?H]),
                            [<<(byte(R)), (byte(G)), (byte(B))>> || Row <- Pixels, {R, G, B} <- Row]]),
    io:format("ppm ~b bytes, crc32 ~8.16.0b, md5 ~s~n", [byte_size(Ppm), erlang:crc32(Ppm),
                                                           [io_lib:format("~2.16.0b", [X]) || <<X>> <= erlang:md5(Ppm)]]),
    Lums = [lum(C) || Row <- Pixels, C <- Row],
    io:format("mean luminance ~.4f, max ~.4f, min ~.4f~n", [lists:sum(Lums) / length(Lums), lists:max(Lums), lists:min(Lums)]),
    Hist = lists:foldl(fun(L, M) -> maps:update_with(min(4, trunc(L * 5)), fun(N) -> N + 1 end, 1, M) end, #{}, Lums),
    [io:format("bucket ~b: ~4b~n", [K, V]) || {K, V} <- lists:sort(maps:to_list(Hist))],
    Hit = intersect({0.0, 0.0, 0.0}, norm({0.0, -0.1, 1.0}), Scene),
    io:format("center ray hits: ~p~n", [case Hit of none -> none; {T, Obj} -> {round(T * 1000) / 1000, element(1, Obj)} end]),
    ok.

byte(X) -> max(0, min(255, round(X * 255))).
lum({R, G, B}) -> min(0.9999, 0.2126 * R + 0.7152 * G + 0.0722 * B).

add({A, B, C}, {D, E, F}) -> {A + D, B + E, C + F}.
sub({A, B, C}, {D, E, F}) -> {A - D, B - E, C - F}.
mul({A, B, C}, K) -> {A * K, B * K, C * K}.
dot({A, B, C}, {D, E, F}) -> A * D + B * E + C * F.
norm(V) -> mul(V, 1 / math:sqrt(dot(V, V))).
cmul({A, B, C}, {D, E, F}) -> {A * D, B * E, C * F}.

trace_pixel(X, Y, Scene, Light) ->
    Dir = norm({(X - ?W / 2) / ?W * 1.6, (?H / 2 - Y) / ?H * 0.9, 1.0}),
    trace({0.0, 0.0, 0.0}, Dir, Scene, Light, 2).

trace(_O, _D, _Scene, _Light, 0) -> {0.0, 0.0, 0.0};
trace(O, D, Scene, Light, Depth) ->
    case intersect(O, D, Scene) of
        none ->
            T = 0.5 * (element(2, D) + 1.0),
            add(mul({1.0, 1.0, 1.0}, (1.0 - T) * 0.2), mul({0.5, 0.7, 1.0}, T * 0.3));
        {T, Obj} ->
            P = add(O, mul(D, T)),
            N = normal(Obj, P),
            Color = color(Obj, P),
            Refl = element(5, Obj),
            InShadow = intersect(add(P, mul(N, 1.0e-4)), Light, Scene) =/= none,
            Diffuse = case InShadow of true -> 0.0; false -> max(0.0, dot(N, Light)) end,
            H = norm(sub(Light, D)),
            Spec = case InShadow of true -> 0.0; false -> math:pow(max(0.0, dot(N, H)), 32) end,
            Local = add(mul(Color, 0.1 + 0.9 * Diffuse), mul({1.0, 1.0, 1.0}, Spec * 0.5)),
            R = sub(D, mul(N, 2 * dot(D, N))),
            Bounce = trace(add(P, mul(N, 1.0e-4)), R, Scene, Light, Depth - 1),
            add(mul(Local, 1 - Refl), mul(cmul(Bounce, Color), Refl))
    end.

intersect(O, D, Scene) ->
    lists:foldl(fun(Obj, Best) ->
                        case hit(O, D, Obj) of
                            none -> Best;
                            T when Best =:= none; T < element(1, Best) -> {T, Obj};
                            _ -> Best
                        end
                end, none, Scene).

hit(O, D, {sphere, C, R, _, _}) ->
    L = sub(O, C),
    B = dot(L, D),
    Disc = B * B - (dot(L, L) - R * R),
    if Disc < 0 -> none;
       true ->
            S = math:sqrt(Disc),
            case [T || T <- [-B - S, -B + S], T > 1.0e-6] of
                [] -> none;
                Ts -> lists:min(Ts)
            end
    end;
hit(O, D, {plane, P, N, _, _}) ->
    Den = dot(N, D),
    if abs(Den) < 1.0e-9 -> none;
       true ->
            T = dot(sub(P, O), N) / Den,
            if T > 1.0e-6 -> T; true -> none end
    end.

normal({sphere, C, _, _, _}, P) -> norm(sub(P, C));
normal({plane, _, N, _, _}, _) -> N.

color({plane, _, _, C, _}, {X, _, Z}) ->
    case (floor(X * 2) + floor(Z * 2)) rem 2 of
        0 -> C;
        _ -> mul(C, 0.3)
    end;
color({sphere, _, _, C, _}, _) -> C.
