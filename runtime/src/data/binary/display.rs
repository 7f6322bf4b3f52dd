//! `erlang:display/1` of bitstrings, as erl prints them: `<<>>`,
//! `<<"abc">>` when every byte is printable ASCII (only `"` is escaped),
//! else `<<1,2,3>>`, with trailing bits as `N:Bits` (`<<97,1:3>>`).

use super::view;
use crate::term::Term;

/// Appends the printed form of bitstring `t` to `out`.
pub fn render(t: Term, out: &mut Vec<u8>) {
    let Some(v) = view(t) else {
        return;
    };
    let bytes = v.to_vec();
    let whole = v.bits / 8;
    let rest = v.bits % 8;
    out.extend_from_slice(b"<<");
    if rest == 0 && whole > 0 && bytes.iter().all(|&b| (32..=126).contains(&b)) {
        out.push(b'"');
        for &b in &bytes {
            if b == b'"' {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        let mut first = true;
        for &b in &bytes[..whole] {
            if !first {
                out.push(b',');
            }
            first = false;
            out.extend_from_slice(b.to_string().as_bytes());
        }
        if rest > 0 {
            if !first {
                out.push(b',');
            }
            let last = bytes[whole] >> (8 - rest);
            out.extend_from_slice(format!("{last}:{rest}").as_bytes());
        }
    }
    out.extend_from_slice(b">>");
}
