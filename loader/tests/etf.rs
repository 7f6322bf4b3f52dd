//! External term format decoding, one test per term type. The byte strings
//! were produced once with `erlang:term_to_binary/1,2` on OTP 25.

use girder_loader::{decode_etf, decode_etf_body, BigIntRepr, ETerm, MAX_TERM_DEPTH};

fn atom(s: &str) -> ETerm {
    ETerm::Atom(s.to_string())
}

fn decode(bytes: &[u8]) -> ETerm {
    decode_etf(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"))
}

const NODE: &[u8] = b"nonode@nohost";

fn node() -> Box<ETerm> {
    Box::new(atom("nonode@nohost"))
}

#[test]
fn integers() {
    assert_eq!(decode(&[131, 97, 5]), ETerm::Int(5));
    assert_eq!(decode(&[131, 98, 255, 254, 238, 144]), ETerm::Int(-70000));
    assert_eq!(
        decode(&[131, 98, 127, 255, 255, 255]),
        ETerm::Int(2147483647)
    );
    // 1 bsl 40 as SMALL_BIG_EXT fits i64.
    assert_eq!(
        decode(&[131, 110, 6, 0, 0, 0, 0, 0, 0, 1]),
        ETerm::Int(1 << 40)
    );
    // -(1 bsl 63) and -(1 bsl 63) + 1.
    assert_eq!(
        decode(&[131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 128]),
        ETerm::Int(i64::MIN)
    );
    assert_eq!(
        decode(&[131, 110, 8, 1, 255, 255, 255, 255, 255, 255, 255, 127]),
        ETerm::Int(i64::MIN + 1)
    );
}

#[test]
fn big_integers() {
    // 1 bsl 64
    assert_eq!(
        decode(&[131, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        ETerm::BigInt(BigIntRepr {
            negative: false,
            magnitude_le: vec![0, 0, 0, 0, 0, 0, 0, 0, 1]
        })
    );
    // -(1 bsl 70)
    assert_eq!(
        decode(&[131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 64]),
        ETerm::BigInt(BigIntRepr {
            negative: true,
            magnitude_le: vec![0, 0, 0, 0, 0, 0, 0, 0, 64]
        })
    );
    // 1 bsl 300 (SMALL_BIG_EXT with 38 bytes)
    let mut bytes = vec![131, 110, 38, 0];
    bytes.extend_from_slice(&[0; 37]);
    bytes.push(16);
    let ETerm::BigInt(b) = decode(&bytes) else {
        panic!("big expected");
    };
    assert!(!b.negative);
    assert_eq!(b.magnitude_le.len(), 38);
    // LARGE_BIG_EXT, hand-made: 2^64 with a redundant high zero byte.
    let bytes = [131, 111, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
    assert_eq!(
        decode(&bytes),
        ETerm::BigInt(BigIntRepr {
            negative: false,
            magnitude_le: vec![0, 0, 0, 0, 0, 0, 0, 0, 1]
        })
    );
}

#[test]
#[allow(clippy::approx_constant)] // 3.14 is the encoded value
fn floats() {
    assert_eq!(
        decode(&[131, 70, 64, 9, 30, 184, 81, 235, 133, 31]),
        ETerm::Float(3.14)
    );
    let ETerm::Float(z) = decode(&[131, 70, 128, 0, 0, 0, 0, 0, 0, 0]) else {
        panic!("float expected");
    };
    assert!(z == 0.0 && z.is_sign_negative());
    // Old FLOAT_EXT (minor_version 0): "3.14000000000000012434e+00".
    let mut old = vec![131, 99];
    old.extend_from_slice(b"3.14000000000000012434e+00");
    old.extend_from_slice(&[0; 5]);
    assert_eq!(decode(&old), ETerm::Float(3.14));
    // Non-finite values are rejected.
    assert!(decode_etf(&[131, 70, 127, 240, 0, 0, 0, 0, 0, 0]).is_err());
    let mut inf = vec![131, 99];
    inf.extend_from_slice(b"inf");
    inf.extend_from_slice(&[0; 28]);
    assert!(decode_etf(&inf).is_err());
}

#[test]
fn atoms() {
    assert_eq!(
        decode(&[131, 100, 0, 5, 104, 101, 108, 108, 111]),
        atom("hello")
    );
    // Latin-1 ATOM_EXT 'héllo' becomes UTF-8.
    assert_eq!(
        decode(&[131, 100, 0, 5, 104, 233, 108, 108, 111]),
        atom("héllo")
    );
    // SMALL_ATOM_UTF8_EXT 'λ'
    assert_eq!(decode(&[131, 119, 2, 206, 187]), atom("λ"));
    // ATOM_UTF8_EXT and SMALL_ATOM_EXT, hand-made.
    assert_eq!(decode(&[131, 118, 0, 2, 206, 187]), atom("λ"));
    assert_eq!(decode(&[131, 115, 1, 233]), atom("é"));
    // Invalid UTF-8.
    assert!(decode_etf(&[131, 119, 1, 0xff]).is_err());
}

#[test]
fn lists_and_strings() {
    assert_eq!(decode(&[131, 106]), ETerm::Nil);
    assert_eq!(
        decode(&[131, 108, 0, 0, 0, 1, 97, 1, 97, 2]),
        ETerm::List(vec![ETerm::Int(1)], Box::new(ETerm::Int(2)))
    );
    // [1,2,3] and "abc" are both STRING_EXT.
    assert_eq!(
        decode(&[131, 107, 0, 3, 1, 2, 3]),
        ETerm::String(vec![1, 2, 3])
    );
    let s = decode(&[131, 107, 0, 3, 97, 98, 99]);
    assert_eq!(s, ETerm::String(b"abc".to_vec()));
    assert_eq!(
        s.proper_list(),
        Some(vec![ETerm::Int(97), ETerm::Int(98), ETerm::Int(99)])
    );
    // Empty STRING_EXT is [].
    assert_eq!(decode(&[131, 107, 0, 0]), ETerm::Nil);
    // LIST_EXT with no elements is its tail.
    assert_eq!(decode(&[131, 108, 0, 0, 0, 0, 106]), ETerm::Nil);
}

#[test]
fn tuples_and_maps() {
    assert_eq!(
        decode(&[131, 104, 3, 100, 0, 1, 97, 97, 1, 106]),
        ETerm::Tuple(vec![atom("a"), ETerm::Int(1), ETerm::Nil])
    );
    assert_eq!(decode(&[131, 104, 0]), ETerm::Tuple(vec![]));
    // LARGE_TUPLE_EXT of 300 small integers.
    let mut large = vec![131, 105, 0, 0, 1, 44];
    for i in 1..=300u32 {
        if i < 256 {
            large.extend_from_slice(&[97, i as u8]);
        } else {
            large.push(98);
            large.extend_from_slice(&i.to_be_bytes());
        }
    }
    let ETerm::Tuple(items) = decode(&large) else {
        panic!("tuple expected");
    };
    assert_eq!(items.len(), 300);
    assert_eq!(items[299], ETerm::Int(300));
    assert_eq!(
        decode(&[
            131, 116, 0, 0, 0, 2, 100, 0, 1, 97, 97, 1, 100, 0, 1, 98, 108, 0, 0, 0, 1, 100, 0, 1,
            120, 106
        ]),
        ETerm::Map(vec![
            (atom("a"), ETerm::Int(1)),
            (
                atom("b"),
                ETerm::List(vec![atom("x")], Box::new(ETerm::Nil))
            )
        ])
    );
    assert_eq!(decode(&[131, 116, 0, 0, 0, 0]), ETerm::Map(vec![]));
    // {[a, {b, <<"x">>}], #{k => [1.5]}}
    let nested = [
        131, 104, 2, 108, 0, 0, 0, 2, 100, 0, 1, 97, 104, 2, 100, 0, 1, 98, 109, 0, 0, 0, 1, 120,
        106, 116, 0, 0, 0, 1, 100, 0, 1, 107, 108, 0, 0, 0, 1, 70, 63, 248, 0, 0, 0, 0, 0, 0, 106,
    ];
    assert_eq!(
        decode(&nested),
        ETerm::Tuple(vec![
            ETerm::List(
                vec![
                    atom("a"),
                    ETerm::Tuple(vec![atom("b"), ETerm::Binary(b"x".to_vec())])
                ],
                Box::new(ETerm::Nil)
            ),
            ETerm::Map(vec![(
                atom("k"),
                ETerm::List(vec![ETerm::Float(1.5)], Box::new(ETerm::Nil))
            )])
        ])
    );
}

#[test]
fn binaries() {
    assert_eq!(
        decode(&[131, 109, 0, 0, 0, 3, 1, 2, 3]),
        ETerm::Binary(vec![1, 2, 3])
    );
    assert_eq!(decode(&[131, 109, 0, 0, 0, 0]), ETerm::Binary(vec![]));
    // <<1,2,3:5>>
    assert_eq!(
        decode(&[131, 77, 0, 0, 0, 3, 5, 1, 2, 24]),
        ETerm::BitBinary {
            bytes: vec![1, 2, 24],
            last_bits: 5
        }
    );
    assert!(decode_etf(&[131, 77, 0, 0, 0, 1, 9, 0]).is_err());
    assert!(decode_etf(&[131, 77, 0, 0, 0, 1, 0, 0]).is_err());
}

fn with_node(prefix: &[u8], suffix: &[u8]) -> Vec<u8> {
    let mut out = prefix.to_vec();
    out.extend_from_slice(&[100, 0, NODE.len() as u8]);
    out.extend_from_slice(NODE);
    out.extend_from_slice(suffix);
    out
}

#[test]
fn pids_ports_refs() {
    // self() in a fresh node: NEW_PID_EXT
    let pid = with_node(&[131, 88], &[0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        decode(&pid),
        ETerm::Pid {
            node: node(),
            id: 9,
            serial: 0,
            creation: 0
        }
    );
    // Old PID_EXT (hand-made).
    let old_pid = with_node(&[131, 103], &[0, 0, 0, 9, 0, 0, 0, 1, 2]);
    assert_eq!(
        decode(&old_pid),
        ETerm::Pid {
            node: node(),
            id: 9,
            serial: 1,
            creation: 2
        }
    );
    // NEW_PORT_EXT
    let port = with_node(&[131, 89], &[0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        decode(&port),
        ETerm::Port {
            node: node(),
            id: 0,
            creation: 0
        }
    );
    // V4_PORT_EXT and PORT_EXT (hand-made).
    let v4 = with_node(&[131, 120], &[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3]);
    assert_eq!(
        decode(&v4),
        ETerm::Port {
            node: node(),
            id: 1 << 32,
            creation: 3
        }
    );
    let old_port = with_node(&[131, 102], &[0, 0, 0, 7, 1]);
    assert_eq!(
        decode(&old_port),
        ETerm::Port {
            node: node(),
            id: 7,
            creation: 1
        }
    );
    // make_ref(): NEWER_REFERENCE_EXT with 3 ids.
    let ids = [0, 3, 70, 195, 81, 16, 0, 1, 54, 229, 185, 1];
    let mut suffix = vec![0, 0, 0, 0];
    suffix.extend_from_slice(&ids);
    let r = with_node(&[131, 90, 0, 3], &suffix);
    assert_eq!(
        decode(&r),
        ETerm::Ref {
            node: node(),
            creation: 0,
            ids: vec![0x000346c3, 0x51100001, 0x36e5b901]
        }
    );
    // NEW_REFERENCE_EXT and REFERENCE_EXT (hand-made).
    let r = with_node(&[131, 114, 0, 1], &[2, 0, 0, 0, 5]);
    assert_eq!(
        decode(&r),
        ETerm::Ref {
            node: node(),
            creation: 2,
            ids: vec![5]
        }
    );
    let r = with_node(&[131, 101], &[0, 0, 0, 5, 2]);
    assert_eq!(
        decode(&r),
        ETerm::Ref {
            node: node(),
            creation: 2,
            ids: vec![5]
        }
    );
    // A node that is not an atom.
    assert!(decode_etf(&[131, 88, 97, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
}

#[test]
fn exports_and_funs() {
    // fun lists:map/2
    assert_eq!(
        decode(&[131, 113, 100, 0, 5, 108, 105, 115, 116, 115, 100, 0, 3, 109, 97, 112, 97, 2]),
        ETerm::Export {
            module: Box::new(atom("lists")),
            function: Box::new(atom("map")),
            arity: 2
        }
    );
    // etfgen2:adder(7): fun(X) -> X + N end with one free variable.
    let fun = [
        131, 112, 0, 0, 0, 77, 1, 129, 134, 241, 133, 94, 58, 86, 254, 233, 132, 180, 120, 240, 84,
        94, 168, 0, 0, 0, 0, 0, 0, 0, 1, 100, 0, 7, 101, 116, 102, 103, 101, 110, 50, 97, 0, 98, 4,
        12, 55, 140, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115,
        116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 97, 7,
    ];
    let ETerm::Fun {
        arity,
        uniq,
        index,
        module,
        old_index,
        old_uniq,
        pid,
        free,
    } = decode(&fun)
    else {
        panic!("fun expected");
    };
    assert_eq!(arity, 1);
    assert_eq!(uniq[0], 129);
    assert_eq!(uniq[15], 168);
    assert_eq!(index, 0);
    assert_eq!(*module, atom("etfgen2"));
    assert_eq!(old_index, 0);
    assert_eq!(old_uniq, 0x040c378c);
    assert!(matches!(*pid, ETerm::Pid { id: 9, .. }));
    assert_eq!(free, vec![ETerm::Int(7)]);
    // A wrong size field is rejected.
    let mut bad = fun;
    bad[5] = 76;
    assert!(decode_etf(&bad).is_err());
    // Old FUN_EXT is refused.
    assert!(decode_etf(&[131, 117, 0, 0, 0, 0]).is_err());
}

#[test]
fn compressed_terms() {
    // term_to_binary(lists:duplicate(100, hello), [compressed])
    let bytes = [
        131, 80, 0, 0, 3, 38, 120, 156, 203, 97, 96, 96, 72, 73, 97, 96, 205, 72, 205, 201, 201,
        31, 165, 71, 233, 81, 26, 147, 206, 2, 0, 52, 16, 250, 15,
    ];
    let items = decode(&bytes).proper_list().unwrap();
    assert_eq!(items.len(), 100);
    assert!(items.iter().all(|t| *t == atom("hello")));
    let (term, used) = decode_etf_body(&bytes[1..]).unwrap();
    assert_eq!(used, bytes.len() - 1);
    assert_eq!(term.proper_list().map(|l| l.len()), Some(100));
    // Wrong uncompressed size.
    let mut bad = bytes;
    bad[5] = 37;
    assert!(decode_etf(&bad).is_err());
}

#[test]
fn body_and_framing() {
    let (term, used) = decode_etf_body(&[97, 1, 0, 0]).unwrap();
    assert_eq!((term, used), (ETerm::Int(1), 2));
    // Trailing bytes after a complete term are ignored, as binary_to_term does.
    assert_eq!(decode(&[131, 97, 1, 0]), ETerm::Int(1));
    assert!(decode_etf(&[]).is_err());
    assert!(decode_etf(&[130, 97, 1]).is_err());
    assert!(decode_etf(&[131]).is_err());
    assert!(decode_etf(&[131, 200]).is_err());
    assert!(decode_etf(&[131, 82, 0]).is_err());
}

#[test]
fn depth_limit() {
    // [[[...]]] nested MAX_TERM_DEPTH deep is fine; one more is an error.
    let nest = |depth: usize| {
        let mut bytes = vec![131];
        for _ in 0..depth {
            bytes.extend_from_slice(&[108, 0, 0, 0, 1]);
        }
        bytes.extend(std::iter::repeat_n(106, depth + 1));
        bytes
    };
    let deepest = decode_etf(&nest(MAX_TERM_DEPTH)).unwrap();
    // The deepest accepted term can be cloned, compared and printed on a
    // test thread's stack.
    let copy = deepest.clone();
    assert_eq!(copy, deepest);
    assert!(format!("{deepest:?}").len() > MAX_TERM_DEPTH);
    let err = decode_etf(&nest(MAX_TERM_DEPTH + 1)).unwrap_err();
    assert!(err.msg.contains("nested"), "{err}");
    // A million nested tuples cannot overflow the stack.
    let mut deep = vec![131];
    deep.extend(std::iter::repeat_n([104u8, 1], 1_000_000).flatten());
    deep.push(106);
    assert!(decode_etf(&deep).is_err());
}

#[test]
fn huge_counts_fail_cleanly() {
    for tag in [105u8, 108, 116, 109, 77, 111] {
        let bytes = [131, tag, 0xff, 0xff, 0xff, 0xff, 0];
        assert!(decode_etf(&bytes).is_err(), "tag {tag}");
    }
}
