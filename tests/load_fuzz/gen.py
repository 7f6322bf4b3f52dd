#!/usr/bin/env python3
"""Writes N corrupted copies of OTP .beam files for tests/load_fuzz.sh.

Usage: gen.py OUTDIR N SEED BEAM...

Each copy is module `fzNNNN` (atom 1 renamed, so every copy loads under
its own name) with one to three mutations inside the Code chunk or the
tables: bit flips, random bytes, inserted or deleted bytes, changed
operand bytes, table entries (imports, exports, locals, lambdas) set to
other values, and changed counts. The IFF container is rebuilt with the
right chunk sizes, so the file is still structurally a BEAM file and the
mutations reach the loader's decoder and verifier, not only its framing
checks. Deterministic for a given SEED.
"""

import os
import random
import struct
import sys


def read_chunks(data):
    if data[:4] != b"FOR1" or data[8:12] != b"BEAM":
        raise ValueError("not a BEAM file")
    out, i = [], 12
    while i + 8 <= len(data):
        cid = data[i : i + 4]
        size = struct.unpack(">I", data[i + 4 : i + 8])[0]
        out.append([cid, bytearray(data[i + 8 : i + 8 + size])])
        i += 8 + ((size + 3) & ~3)
    return out


def build(chunks):
    body = b"".join(
        cid + struct.pack(">I", len(x)) + bytes(x) + b"\0" * ((4 - len(x) % 4) % 4)
        for cid, x in chunks
    )
    return b"FOR1" + struct.pack(">I", len(body) + 4) + b"BEAM" + body


def rename(chunks, new):
    """Renames atom 1 (the module name) in AtU8 (short length form)."""
    for c in chunks:
        if c[0] == b"AtU8":
            x = c[1]
            old_len = x[4]
            c[1] = x[:4] + bytes([len(new)]) + new.encode() + x[5 + old_len :]
            return True
    return False


def chunk(chunks, cid):
    for c in chunks:
        if c[0] == cid:
            return c
    return None


def code_start(code):
    """Offset of the first instruction in the Code chunk."""
    head = struct.unpack(">I", code[:4])[0]
    return 4 + head


def mutate_code(rng, chunks):
    c = chunk(chunks, b"Code")
    x = c[1]
    start = code_start(x)
    if start >= len(x) - 1:
        return
    pos = rng.randrange(start, len(x))
    kind = rng.randrange(7)
    if kind == 0:  # flip one bit
        x[pos] ^= 1 << rng.randrange(8)
    elif kind == 1:  # a random byte
        x[pos] = rng.randrange(256)
    elif kind == 2:  # insert a byte
        x.insert(pos, rng.randrange(256))
    elif kind == 3:  # delete a byte
        del x[pos]
    elif kind == 4:
        # An operand's value: keep the tag (low 3 bits) of a one-byte
        # compact term, change its value (label, register, index, ...).
        x[pos] = (x[pos] & 0x07) | (rng.randrange(16) << 4)
    elif kind == 5:  # a small value +-1 (off by one labels and registers)
        x[pos] = (x[pos] + rng.choice((16, -16))) & 0xFF
    else:  # the Code header: label or function count
        off = rng.choice((12, 16))
        v = struct.unpack(">I", x[off : off + 4])[0]
        v = max(0, v + rng.choice((-2, -1, 1, 2, 1000)))
        x[off : off + 4] = struct.pack(">I", v)


def mutate_table(rng, chunks):
    """A 32-bit field of a fixed-format table: an atom index, arity,
    label, lambda index or free-variable count, or the entry count."""
    cands = [c for c in chunks if c[0] in (b"ImpT", b"ExpT", b"LocT", b"FunT") and len(c[1]) >= 8]
    if not cands:
        return mutate_code(rng, chunks)
    c = rng.choice(cands)
    x = c[1]
    words = len(x) // 4
    w = rng.randrange(words)
    v = struct.unpack(">I", x[4 * w : 4 * w + 4])[0]
    v = rng.choice((0, 1, v + 1, max(0, v - 1), v + 7, 255, 256, 0xFFFFFFFF, rng.randrange(1 << 16)))
    x[4 * w : 4 * w + 4] = struct.pack(">I", v & 0xFFFFFFFF)


def mutate_bytes(rng, chunks):
    """Bytes of the atom, literal, line or string tables."""
    cands = [c for c in chunks if c[0] in (b"AtU8", b"LitT", b"Line", b"StrT") and len(c[1]) > 8]
    if not cands:
        return mutate_code(rng, chunks)
    c = rng.choice(cands)
    x = c[1]
    # Leave the module name (atom 1) alone: a renamed module is a
    # different, also rejected, case that would hide the others.
    lo = 4 + 1 + x[4] if c[0] == b"AtU8" else 0
    if lo >= len(x):
        return
    pos = rng.randrange(lo, len(x))
    if rng.random() < 0.5:
        x[pos] ^= 1 << rng.randrange(8)
    else:
        x[pos] = rng.randrange(256)


def main():
    out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sources = []
    for path in sys.argv[4:]:
        with open(path, "rb") as f:
            sources.append((path, f.read()))
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        path, data = sources[i % len(sources)]
        chunks = read_chunks(data)
        name = "fz%04d" % i
        if not rename(chunks, name):
            raise SystemExit(f"{path}: no AtU8 chunk")
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            r = rng.random()
            if r < 0.6:
                mutate_code(rng, chunks)
            elif r < 0.8:
                mutate_table(rng, chunks)
            else:
                mutate_bytes(rng, chunks)
        with open(os.path.join(out, name + ".beam"), "wb") as f:
            f.write(build(chunks))


if __name__ == "__main__":
    main()
