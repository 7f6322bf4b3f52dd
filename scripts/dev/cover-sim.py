#!/usr/bin/env python3
"""What lazy compilation below the function level would save on a cold start.

Input: the region dump of one run, made by
    GIRDER_CACHE=0 GIRDER_CLIF_COVER=/tmp/cov.txt girder -noshell -eval 'halt().'
(jit/src/clifstats.rs): one line per lowered region (a run of BEAM instructions from
an entry or label to the next jump) with its kind (0 body, 1 label, 2 continuation,
3 stepping-BIF resume), BEAM and CLIF instruction counts, whether it ran, its
function, its first instruction and its edges (class + target region): S select,
T test fail label, J jump, O other (receive, try/catch, call labels), F fall-through,
C a call's continuation.

Two schemes, costed in CLIF instructions (Cranelift's time follows the CLIF it is
given) plus U per compile (a function's fixed cost, in CLIF-equivalents):
  units  the first compile of a function covers what its entries reach through
         eager edges; an edge of a lazy class (to a region of at least MIN CLIF)
         becomes a stub that, when first taken, compiles the target's closure as a
         separate unit (code reached from several units is compiled in each).
  grow   as units, but a taken stub recompiles the whole function with the new
         region added (CAP recompiles at most, then the full function).
Usage: cover-sim.py DUMP
"""
import collections
import sys


def load(path):
    fns = collections.defaultdict(dict)
    for line in open(path):
        p = line.split()
        if len(p) < 8:
            continue
        _rid, kind, _beam, clif, hit, fn, start, _name = p[:8]
        edges = [(e[0], int(e[1:])) for e in p[8:]]
        fns[fn][int(start)] = dict(k=int(kind), c=int(clif), h=hit != "0", e=edges)
    return fns


def closure(regs, roots, lazy, minsize, eager=frozenset()):
    seen, stack, stubs = set(), list(roots), set()
    while stack:
        i = stack.pop()
        if i in seen or i not in regs:
            continue
        seen.add(i)
        for cls, t in regs[i]["e"]:
            if cls in lazy and t in regs and regs[t]["c"] >= minsize and t not in eager:
                stubs.add(t)
            else:
                stack.append(t)
    return seen, stubs - seen


def size(regs, part, stubs, stub_cost=4):
    return sum(regs[i]["c"] for i in part) + stub_cost * len(stubs)


def units(fns, lazy, U, minsize):
    base = cost = n = 0
    for regs in fns.values():
        base += sum(r["c"] for r in regs.values()) + U
        roots = [i for i, r in regs.items() if r["k"] in (0, 3)]
        todo, started = [roots], set()
        while todo:
            part, stubs = closure(regs, todo.pop(), lazy, minsize)
            cost += size(regs, part, stubs) + U
            n += 1
            for t in stubs:
                if regs[t]["h"] and t not in started:
                    started.add(t)
                    todo.append([t])
    return base, cost, n


def grow(fns, lazy, U, minsize, cap):
    base = cost = n = 0
    for regs in fns.values():
        total = sum(r["c"] for r in regs.values())
        base += total + U
        roots = [i for i, r in regs.items() if r["k"] in (0, 3)]
        added = set()
        part, stubs = closure(regs, roots, lazy, minsize)
        cost += size(regs, part, stubs) + U
        n += 1
        while any(regs[t]["h"] for t in stubs):
            if len(added) + 1 >= cap:
                cost += total + U
                n += 1
                break
            added.add(next(t for t in stubs if regs[t]["h"]))
            part, stubs = closure(regs, roots + sorted(added), lazy, minsize, added)
            cost += size(regs, part, stubs) + U
            n += 1
    return base, cost, n


def main():
    fns = load(sys.argv[1])
    for U in (0, 50, 100):
        for lazy in ("S", "ST", "STJO"):
            for minsize in (20, 50):
                b, c, n = units(fns, set(lazy), U, minsize)
                print(f"units U={U:3} lazy={lazy:4} min={minsize:2}: {c / b:.3f} of the CLIF, {n} compiles")
    for cap in (2, 5, 100):
        b, c, n = grow(fns, {"S"}, 50, 20, cap)
        print(f"grow  U= 50 lazy=S    min=20 cap={cap:3}: {c / b:.3f} of the CLIF, {n} compiles")


if __name__ == "__main__":
    main()
