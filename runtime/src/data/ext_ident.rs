//! Pids, ports and references of other nodes ("external identifiers"),
//! as `binary_to_term/1` makes them (distribution will too).
//!
//! A node is its name and its creation, as in BEAM: `nonode@nohost` with
//! creation 0 is this node (identifiers of this node are the local
//! immediates and local references); anything else, even `nonode@nohost`
//! with another creation, is another node.
//!
//! Layouts (every payload word raw: the node name is an atom, which the GC
//! never moves, so nothing here needs tracing) — sized as BEAM's
//! `ExternalThing`s, so that `erts_debug:size/1` agrees:
//! - pid:  `[hdr(HDR_EXT_PID, 3)] [node atom] [creation] [number | serial << 32]`
//! - port: `[hdr(HDR_EXT_PORT, 3)] [node atom] [creation] [number]`
//! - ref:  `[hdr(HDR_EXT_REF, 2 + ceil((1 + n) / 2))] [node atom] [creation]
//!   [n | r0 << 32] [r1 | r2 << 32] ...` (n ≤ 5 numbers of 32 bits, least
//!   significant first, unused halves zero, so equal refs are equal words).

use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{header_arity, make_header, Term, HDR_EXT_PID, HDR_EXT_PORT, HDR_EXT_REF};
use std::cmp::Ordering;

/// The most numbers an external reference has (BEAM's limit).
pub const MAX_REF_NUMBERS: usize = 5;

/// A node: its name (an atom) and creation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Node {
    pub name: Term,
    pub creation: u32,
}

impl Default for Node {
    fn default() -> Node {
        Node::this()
    }
}

impl Node {
    /// This node, as long as it is not distributed.
    pub fn this() -> Node {
        Node {
            name: am::NONODE,
            creation: 0,
        }
    }

    pub fn is_this(self) -> bool {
        self == Node::this()
    }

    /// The number BEAM prints first in `<N.X.Y>`: 0 for this node, else
    /// the index of the node name's atom (BEAM's "channel number").
    pub fn channel(self) -> u32 {
        if self.name == am::NONODE {
            0
        } else {
            self.name.atom_index()
        }
    }
}

/// Allocates and fills an object of `words` (header included).
fn build(ctx: &mut Ctx, words: &[u64]) -> Term {
    let p = ctx.alloc(words.len());
    // SAFETY: `p` points at `words.len()` fresh heap words.
    unsafe {
        std::ptr::copy_nonoverlapping(words.as_ptr(), p, words.len());
    }
    Term::boxed_from_ptr(p)
}

pub fn make_pid(ctx: &mut Ctx, node: Node, number: u32, serial: u32) -> Term {
    build(
        ctx,
        &[
            make_header(3, HDR_EXT_PID),
            node.name.raw(),
            node.creation as u64,
            number as u64 | (serial as u64) << 32,
        ],
    )
}

pub fn make_port(ctx: &mut Ctx, node: Node, number: u64) -> Term {
    build(
        ctx,
        &[
            make_header(3, HDR_EXT_PORT),
            node.name.raw(),
            node.creation as u64,
            number,
        ],
    )
}

/// `numbers` least significant first; at most `MAX_REF_NUMBERS`.
pub fn make_ref(ctx: &mut Ctx, node: Node, numbers: &[u32]) -> Term {
    let n = numbers.len().min(MAX_REF_NUMBERS);
    let mut halves = vec![n as u32];
    halves.extend_from_slice(&numbers[..n]);
    if halves.len() % 2 == 1 {
        halves.push(0);
    }
    let mut words = vec![make_header(2 + halves.len() / 2, HDR_EXT_REF)];
    words.push(node.name.raw());
    words.push(node.creation as u64);
    words.extend(halves.chunks(2).map(|c| c[0] as u64 | (c[1] as u64) << 32));
    build(ctx, &words)
}

/// The payload words of a boxed object of subtag `tag`, or `None`.
fn payload<'a>(t: Term, tag: u64) -> Option<&'a [u64]> {
    if !t.is_boxed_of(tag) {
        return None;
    }
    // SAFETY: a boxed term points at its header, followed by `arity`
    // payload words that live as long as the term.
    unsafe {
        let p = t.boxed_ptr();
        Some(std::slice::from_raw_parts(p.add(1), header_arity(*p)))
    }
}

fn node_of(w: &[u64]) -> Node {
    Node {
        name: Term(w[0]),
        creation: w[1] as u32,
    }
}

/// `(node, number, serial)` of any pid, local or external.
pub fn pid_parts(t: Term) -> Option<(Node, u32, u32)> {
    if t.is_pid() {
        let n = t.pid_number();
        return Some((Node::this(), (n & 0x7fff) as u32, (n >> 15) as u32));
    }
    let w = payload(t, HDR_EXT_PID)?;
    Some((node_of(w), w[2] as u32, (w[2] >> 32) as u32))
}

/// `(node, number)` of any port, local or external.
pub fn port_parts(t: Term) -> Option<(Node, u64)> {
    if t.is_port() {
        return Some((Node::this(), t.port_number()));
    }
    let w = payload(t, HDR_EXT_PORT)?;
    Some((node_of(w), w[2]))
}

/// `(node, numbers least significant first)` of an external reference.
pub fn ext_ref_parts(t: Term) -> Option<(Node, Vec<u32>)> {
    let w = payload(t, HDR_EXT_REF)?;
    let halves: Vec<u32> = w[2..]
        .iter()
        .flat_map(|&x| [x as u32, (x >> 32) as u32])
        .collect();
    let n = (halves[0] as usize).min(halves.len() - 1);
    Some((node_of(w), halves[1..=n].to_vec()))
}

/// `(node, numbers least significant first)` of any reference, local
/// (plain or magic) or external.
pub fn ref_parts(t: Term) -> Option<(Node, Vec<u32>)> {
    if t.is_boxed_of(crate::term::HDR_REF) {
        // SAFETY: a local reference holds its two id words after the
        // header (a magic one adds a third, raw word).
        let (hi, lo) = unsafe {
            let p = t.boxed_ptr();
            (*p.add(1), *p.add(2))
        };
        let mut nums = vec![lo as u32, (lo >> 32) as u32, hi as u32];
        if hi >> 32 != 0 {
            nums.push((hi >> 32) as u32);
        }
        return Some((Node::this(), nums));
    }
    ext_ref_parts(t)
}

/// The node of an external pid, port or reference.
pub fn node(t: Term) -> Option<Node> {
    [HDR_EXT_PID, HDR_EXT_PORT, HDR_EXT_REF]
        .into_iter()
        .find_map(|tag| payload(t, tag))
        .map(node_of)
}

/// BEAM's printed forms: `<N.X.Y>`, `#Port<N.X>`, `#Ref<N.rk...r0>`.
pub fn render(t: Term, out: &mut Vec<u8>) -> bool {
    if let Some((node, num, ser)) = pid_parts(t).filter(|_| !t.is_pid()) {
        out.extend_from_slice(format!("<{}.{num}.{ser}>", node.channel()).as_bytes());
    } else if let Some((node, num)) = port_parts(t).filter(|_| !t.is_port()) {
        out.extend_from_slice(format!("#Port<{}.{num}>", node.channel()).as_bytes());
    } else if let Some((node, nums)) = ext_ref_parts(t) {
        out.extend_from_slice(format!("#Ref<{}", node.channel()).as_bytes());
        for n in nums.iter().rev() {
            out.extend_from_slice(format!(".{n}").as_bytes());
        }
        out.push(b'>');
    } else {
        return false;
    }
    true
}

/// Orders two nodes as BEAM does: by name, then creation.
pub fn cmp_nodes(a: Node, b: Node) -> Ordering {
    if a.name != b.name {
        return atom::name(a.name)
            .as_bytes()
            .cmp(atom::name(b.name).as_bytes());
    }
    a.creation.cmp(&b.creation)
}

/// BEAM's order of pids: serial, then number, then node.
pub fn cmp_pids(a: Term, b: Term) -> Option<Ordering> {
    let (na, xa, sa) = pid_parts(a)?;
    let (nb, xb, sb) = pid_parts(b)?;
    Some(
        sa.cmp(&sb)
            .then(xa.cmp(&xb))
            .then_with(|| cmp_nodes(na, nb)),
    )
}

/// BEAM's order of ports: node, then number.
pub fn cmp_ports(a: Term, b: Term) -> Option<Ordering> {
    let (na, xa) = port_parts(a)?;
    let (nb, xb) = port_parts(b)?;
    Some(cmp_nodes(na, nb).then(xa.cmp(&xb)))
}

/// BEAM's order of references: node, then the numbers from the most
/// significant one, a longer reference's extra high numbers counting only
/// when not zero.
pub fn cmp_refs(a: Term, b: Term) -> Option<Ordering> {
    let (na, ra) = ref_parts(a)?;
    let (nb, rb) = ref_parts(b)?;
    let c = cmp_nodes(na, nb);
    if c != Ordering::Equal {
        return Some(c);
    }
    let n = ra.len().max(rb.len());
    let at = |v: &[u32], i: usize| v.get(i).copied().unwrap_or(0);
    Some(
        (0..n)
            .rev()
            .map(|i| at(&ra, i).cmp(&at(&rb, i)))
            .find(|c| *c != Ordering::Equal)
            .unwrap_or(Ordering::Equal),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn layouts_round_trip() {
        let mut tp = TestProc::new();
        let node = Node {
            name: atom::intern("foo@bar"),
            creation: 7,
        };
        let p = make_pid(tp.ctx(), node, 12, 3);
        assert_eq!(pid_parts(p), Some((node, 12, 3)));
        assert_eq!(unsafe { header_arity(*p.boxed_ptr()) }, 3);
        let q = make_port(tp.ctx(), node, 1 << 40);
        assert_eq!(port_parts(q), Some((node, 1 << 40)));
        for n in 0..=MAX_REF_NUMBERS {
            let nums: Vec<u32> = (1..=n as u32).collect();
            let r = make_ref(tp.ctx(), node, &nums);
            assert_eq!(ext_ref_parts(r), Some((node, nums.clone())));
            // BEAM's sizes: 4, 4, 5, 5, 6, 6 words for 0..5 numbers.
            let words = 1 + unsafe { header_arity(*r.boxed_ptr()) };
            assert_eq!(words, 3 + (2 + n) / 2, "{n}");
        }
        assert_eq!(node_of(&[am::NONODE.raw(), 0]), Node::this());
        assert!(pid_parts(Term::small(1)).is_none());
        let mut out = vec![];
        assert!(render(q, &mut out));
        assert!(String::from_utf8(out).unwrap().ends_with(".1099511627776>"));
    }
}
