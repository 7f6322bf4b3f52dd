//! Hand-built BEAM files exercising encodings and error paths that erlc
//! output does not (or rarely) contains.

// These files exercise the decoder and are not whole modules (no exports,
// functions that fall off their end), so they bypass the verifier.
use girder_loader::{
    parse_module_unverified as parse_module, ETerm, LoadError, Module, Opcode, Operand,
};

const U: u8 = 0;
const I: u8 = 1;
const A: u8 = 2;
const X: u8 = 3;
const F: u8 = 5;
const Z: u8 = 7;

/// Compact encoding of a non-negative value.
fn enc(tag: u8, v: u64) -> Vec<u8> {
    if v < 16 {
        vec![((v as u8) << 4) | tag]
    } else if v < 2048 {
        vec![((v >> 3) as u8 & 0xe0) | 0x08 | tag, v as u8]
    } else {
        let bytes = v.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(7);
        let mut bytes = bytes[start..].to_vec();
        if tag == I && bytes[0] & 0x80 != 0 {
            bytes.insert(0, 0);
        }
        enc_bytes(tag, &bytes)
    }
}

/// Length-prefixed encoding of big-endian bytes (at least 2).
fn enc_bytes(tag: u8, bytes: &[u8]) -> Vec<u8> {
    let n = bytes.len();
    assert!(n >= 2);
    let mut out = if n <= 8 {
        vec![(((n - 2) as u8) << 5) | 0x18 | tag]
    } else {
        let mut v = vec![0xf8 | tag];
        v.extend(enc(U, (n - 9) as u64));
        v
    };
    out.extend_from_slice(bytes);
    out
}

fn chunk(out: &mut Vec<u8>, id: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(id);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(data);
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
}

fn u32s(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// A module `m` with atoms [m, f, ok], exporting f/0 at label 2, whose code
/// is `body` (followed by int_code_end). `extra` chunks are appended.
fn beam(body: &[u8], label_count: u32, extra: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut code = body.to_vec();
    code.push(3);
    beam_raw(&code, label_count, extra)
}

/// Like `beam`, with `code` used as is (no int_code_end added).
fn beam_raw(code_bytes: &[u8], label_count: u32, extra: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut out = b"BEAM".to_vec();
    let mut atoms = u32s(&[3]);
    for a in ["m", "f", "ok"] {
        atoms.push(a.len() as u8);
        atoms.extend_from_slice(a.as_bytes());
    }
    chunk(&mut out, b"AtU8", &atoms);
    let mut code = u32s(&[16, 0, 180, label_count, 1]);
    code.extend_from_slice(code_bytes);
    chunk(&mut out, b"Code", &code);
    chunk(&mut out, b"ImpT", &u32s(&[0]));
    chunk(&mut out, b"ExpT", &u32s(&[1, 2, 0, 2]));
    for (id, data) in extra {
        chunk(&mut out, id, data);
    }
    let mut file = b"FOR1".to_vec();
    file.extend_from_slice(&(out.len() as u32).to_be_bytes());
    file.extend_from_slice(&out);
    file
}

/// label 1, func_info m f 0, label 2.
fn head() -> Vec<u8> {
    let mut v = vec![1];
    v.extend(enc(U, 1));
    v.push(2);
    v.extend(enc(A, 1));
    v.extend(enc(A, 2));
    v.extend(enc(U, 0));
    v.push(1);
    v.extend(enc(U, 2));
    v
}

/// The head, then `move Src, {x,0}` and `return`.
fn move_body(src: &[u8]) -> Vec<u8> {
    let mut v = head();
    v.push(64);
    v.extend_from_slice(src);
    v.extend(enc(X, 0));
    v.push(19);
    v
}

fn load(body: &[u8]) -> Result<Module, LoadError> {
    parse_module(&beam(body, 3, &[]))
}

#[test]
fn minimal_module() {
    let m = load(&move_body(&enc(A, 3))).unwrap();
    assert_eq!(m.name, "m");
    assert_eq!(m.functions.len(), 1);
    let f = &m.functions[0];
    assert_eq!((f.name.as_str(), f.arity, f.entry_label), ("f", 0, 2));
    let ops: Vec<Opcode> = f.instrs.iter().map(|i| i.op).collect();
    assert_eq!(
        ops,
        [
            Opcode::Label,
            Opcode::FuncInfo,
            Opcode::Label,
            Opcode::Move,
            Opcode::Return
        ]
    );
    assert_eq!(f.instrs[3].args[..], [Operand::Atom(3), Operand::X(0)]);
    assert_eq!(m.exports[0].label, 2);
    assert!(m.lines.items.is_empty());
    assert!(m.literals.is_empty());
}

fn moved_at(body: &[u8]) -> Operand {
    let m = load(body).unwrap_or_else(|e| panic!("{e}"));
    m.functions[0].instrs[3].args[0].clone()
}

#[test]
fn integer_encodings() {
    assert_eq!(moved_at(&move_body(&enc(I, 5))), Operand::Integer(5));
    assert_eq!(moved_at(&move_body(&enc(I, 2047))), Operand::Integer(2047));
    assert_eq!(
        moved_at(&move_body(&enc(I, 70000))),
        Operand::Integer(70000)
    );
    assert_eq!(
        moved_at(&move_body(&enc_bytes(I, &[0xff, 0x00]))),
        Operand::Integer(-256)
    );
    assert_eq!(
        moved_at(&move_body(&enc_bytes(I, &[0x80, 0, 0, 0, 0, 0, 0, 0]))),
        Operand::Integer(i64::MIN)
    );
    // 9 bytes: nested length form.
    let Operand::BigInt(b) = moved_at(&move_body(&enc_bytes(
        I,
        &[0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    ))) else {
        panic!("big expected");
    };
    assert_eq!(b.to_string(), "-9223372036854775809");
    // 20 bytes.
    let mut twenty = vec![0x01];
    twenty.extend_from_slice(&[0; 19]);
    let Operand::BigInt(b) = moved_at(&move_body(&enc_bytes(I, &twenty))) else {
        panic!("big expected");
    };
    assert_eq!(b.magnitude_le.len(), 20);
    assert!(!b.negative);
    assert_eq!(moved_at(&move_body(&enc(A, 0))), Operand::Nil);
    assert_eq!(moved_at(&move_body(&enc(6, 955))), Operand::Char(955));
}

#[test]
fn extended_operands() {
    // Old float {z,0} + 8 bytes becomes a literal.
    let mut src = enc(Z, 0);
    src.extend_from_slice(&2.5f64.to_be_bytes());
    let m = load(&move_body(&src)).unwrap();
    assert_eq!(m.functions[0].instrs[3].args[0], Operand::Literal(0));
    assert_eq!(m.literals, vec![ETerm::Float(2.5)]);
    // Float register.
    let mut src = enc(Z, 2);
    src.extend(enc(U, 3));
    assert_eq!(moved_at(&move_body(&src)), Operand::FReg(3));
    // Typed register without a Type chunk is the plain register.
    let mut src = enc(Z, 5);
    src.extend(enc(X, 4));
    src.extend(enc(U, 0));
    assert_eq!(moved_at(&move_body(&src)), Operand::X(4));
    // Typed register whose register is not x/y.
    let mut src = enc(Z, 5);
    src.extend(enc(A, 1));
    src.extend(enc(U, 0));
    assert!(load(&move_body(&src)).is_err());
    // Literal index beyond an empty table.
    let mut src = enc(Z, 4);
    src.extend(enc(U, 0));
    assert!(load(&move_body(&src)).is_err());
    // Unknown extended tag.
    assert!(load(&move_body(&enc(Z, 9))).is_err());
}

#[test]
fn huge_unsigned_operands() {
    // bs_test_tail2 {f,2} {x,0} {u,2^64+8}: the bit count of
    // <<B:8, _:16#1_0000_0000_0000_0000>> (BEAM's TAG_o; the match fails).
    let huge = [1u8, 0, 0, 0, 0, 0, 0, 0, 8];
    let mut body = head();
    body.push(121);
    body.extend(enc(F, 2));
    body.extend(enc(X, 0));
    body.extend(enc_bytes(U, &huge));
    let m = load(&body).unwrap_or_else(|e| panic!("{e}"));
    let ins = &m.functions[0].instrs[3];
    assert_eq!(ins.op, Opcode::BsTestTail2);
    let Operand::UnsignedBig(b) = &ins.args[2] else {
        panic!("big unsigned expected, got {:?}", ins.args[2]);
    };
    assert!(!b.negative);
    assert_eq!(b.to_string(), "18446744073709551624");
    // u64::MAX and 2^63 still load as plain unsigned values.
    for (bytes, v) in [
        (&[0xffu8; 8][..], u64::MAX),
        (&[0x80, 0, 0, 0, 0, 0, 0, 0][..], 1 << 63),
    ] {
        let mut body = head();
        body.push(121);
        body.extend(enc(F, 2));
        body.extend(enc(X, 0));
        body.extend(enc_bytes(U, bytes));
        let m = load(&body).unwrap();
        assert_eq!(m.functions[0].instrs[3].args[2], Operand::Unsigned(v));
    }
    // Anywhere else BEAM's loader finds no instruction for it: test_heap
    // {u,huge} 0, and a huge `u` inside a select_val list.
    let mut body = head();
    body.push(16);
    body.extend(enc_bytes(U, &huge));
    body.extend(enc(U, 0));
    let e = load(&body).unwrap_err().to_string();
    assert!(e.contains("does not fit in 64 bits"), "{e}");
    let mut body = head();
    body.push(59);
    body.extend(enc(X, 0));
    body.extend(enc(F, 2));
    body.extend(enc(Z, 1));
    body.extend(enc(U, 2));
    body.extend(enc_bytes(U, &huge));
    body.extend(enc(F, 2));
    assert!(load(&body).is_err());
}

#[test]
fn lists() {
    // select_val {x,0} {f,0} [{a,3}, {f,2}, {i,-1}, {f,2}]
    let mut body = head();
    body.push(59);
    body.extend(enc(X, 0));
    body.extend(enc(F, 0));
    body.extend(enc(Z, 1));
    body.extend(enc(U, 4));
    body.extend(enc(A, 3));
    body.extend(enc(F, 2));
    body.extend(enc_bytes(I, &[0xff, 0xff]));
    body.extend(enc(F, 2));
    let m = load(&body).unwrap();
    assert_eq!(
        m.functions[0].instrs[3].args[2],
        Operand::List(Box::new(vec![
            Operand::Atom(3),
            Operand::Label(2),
            Operand::Integer(-1),
            Operand::Label(2)
        ]))
    );
    // A list inside a list is refused.
    let mut body = head();
    body.push(59);
    body.extend(enc(X, 0));
    body.extend(enc(F, 0));
    body.extend(enc(Z, 1));
    body.extend(enc(U, 1));
    body.extend(enc(Z, 1));
    body.extend(enc(U, 0));
    assert!(load(&body).is_err());
    // Allocation list: test_heap {alloc,[{words,3},{floats,1}]} 0
    let mut body = head();
    body.push(16);
    body.extend(enc(Z, 3));
    body.extend(enc(U, 2));
    body.extend(enc(U, 0));
    body.extend(enc(U, 3));
    body.extend(enc(U, 1));
    body.extend(enc(U, 1));
    body.extend(enc(U, 0));
    let m = load(&body).unwrap();
    assert_eq!(
        m.functions[0].instrs[3].args[0],
        Operand::AllocList(Box::new(vec![(0, 3), (1, 1)]))
    );
    // Bad allocation kind.
    let mut body = head();
    body.push(16);
    body.extend(enc(Z, 3));
    body.extend(enc(U, 1));
    body.extend(enc(U, 7));
    body.extend(enc(U, 3));
    body.extend(enc(U, 0));
    assert!(load(&body).is_err());
}

fn load_err(body: &[u8]) -> String {
    match load(body) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.msg,
    }
}

#[test]
fn code_errors() {
    // Unknown opcode.
    let mut body = head();
    body.push(200);
    assert!(load_err(&body).contains("unknown opcode 200"));
    // No int_code_end.
    let mut body = head();
    body.push(19);
    let err = parse_module(&beam_raw(&body, 3, &[])).unwrap_err();
    assert!(err.msg.contains("without int_code_end"), "{err}");
    // Label beyond the label count.
    let mut body = head();
    body.push(1);
    body.extend(enc(U, 3));
    assert!(load_err(&body).contains("label"));
    // Fail label beyond the label count.
    let mut body = head();
    body.push(61);
    body.extend(enc(F, 9));
    assert!(load(&body).is_err());
    // Atom index beyond the atom table.
    assert!(load_err(&move_body(&enc(A, 4))).contains("atom index 4"));
    // Register too large.
    let mut body = head();
    body.push(64);
    body.extend(enc(X, 0));
    body.extend(enc(X, 1024));
    assert!(load(&body).is_err());
    // Code before the first function.
    let mut body = vec![19];
    body.extend(head());
    assert!(load_err(&body).contains("before the first function"));
    // func_info without an entry label.
    let mut body = head();
    body.truncate(body.len() - 2);
    body.push(19);
    assert!(load(&body).is_err());
    // Export label that is not below the label count.
    assert!(parse_module(&beam(&head(), 2, &[])).is_err());
}

#[test]
fn chunk_variants() {
    // Old latin-1 Atom chunk instead of AtU8.
    let file = beam(&move_body(&enc(A, 3)), 3, &[]);
    let mut renamed = file.clone();
    let at = renamed.windows(4).position(|w| w == b"AtU8").unwrap();
    renamed[at..at + 4].copy_from_slice(b"Atom");
    assert_eq!(
        parse_module(&renamed).unwrap(),
        parse_module(&file).unwrap()
    );
    // Unknown chunks are skipped.
    let with_extra = beam(
        &move_body(&enc(A, 3)),
        3,
        &[(b"Dbgi", vec![1, 2, 3]), (b"Zzzz", vec![])],
    );
    assert_eq!(
        parse_module(&with_extra).unwrap(),
        parse_module(&file).unwrap()
    );
    // Missing chunks.
    let mut no_code = file.clone();
    let at = no_code.windows(4).position(|w| w == b"Code").unwrap();
    no_code[at..at + 4].copy_from_slice(b"Cod_");
    assert!(parse_module(&no_code)
        .unwrap_err()
        .msg
        .contains("missing Code"));
    // Line chunk: {i,5} one item, no names; line 1 is valid, line 2 is not.
    let mut line_data = u32s(&[0, 0, 1, 1, 0]);
    line_data.extend(enc(I, 5));
    let mut body = head();
    body.push(153);
    body.extend(enc(U, 1));
    let m = parse_module(&beam(&body, 3, &[(b"Line", line_data.clone())])).unwrap();
    assert_eq!(m.lines.location(1), Some(("m.erl", 5)));
    let mut body = head();
    body.push(153);
    body.extend(enc(U, 2));
    assert!(parse_module(&beam(&body, 3, &[(b"Line", line_data)])).is_err());
    // Literal chunk, uncompressed form: one literal `ok`.
    let lit = [
        0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 6, 131, 100, 0, 2, b'o', b'k',
    ];
    let mut src = enc(Z, 4);
    src.extend(enc(U, 0));
    let m = parse_module(&beam(&move_body(&src), 3, &[(b"LitT", lit.to_vec())])).unwrap();
    assert_eq!(m.literals, vec![ETerm::Atom("ok".into())]);
    assert_eq!(m.functions[0].instrs[3].args[0], Operand::Literal(0));
}
