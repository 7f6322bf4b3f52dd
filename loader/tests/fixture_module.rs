//! Compiles a small module with `erlc` (skipped when unavailable) and
//! checks the operands the loader decodes: big integers, typed registers,
//! floats, extended and allocation lists, literals, funs and strings.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use girder_loader::{parse_module, type_bits, ETerm, Function, Instr, Module, Opcode, Operand};

const SOURCE: &str = r#"-module(girder_fixture).
-export([big/1, neg_big/0, small/1, flt/1, sel/1, tup/1, mk/1, bin/2, lit/0, recv/0]).

big(X) when X =:= 123456789012345678901234567890 -> yes;
big(_) -> no.

neg_big() -> -98765432109876543210.

small(X) -> X + 1000000 - 7.

flt(X) when is_float(X) -> X * 2.5 + 1.0.

sel(1) -> one; sel(2) -> two; sel(3) -> three; sel(-4) -> minus_four; sel(a) -> a; sel(_) -> other.

tup(X) -> {X, X, [X | X]}.

mk(N) -> fun(Y) -> Y + N end.

bin(A, B) -> <<A:8, B/binary, "abc", A:16/little>>.

lit() -> {[1,2,3], "string", <<"bin">>, #{a => 1}, 3.25}.

recv() -> receive {msg, X} -> X after 100 -> timeout end.
"#;

fn compile() -> Option<Vec<u8>> {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("girder_loader_fixture_{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let src = dir.join("girder_fixture.erl");
    std::fs::write(&src, SOURCE).ok()?;
    let status = Command::new("erlc")
        .arg("-o")
        .arg(&dir)
        .arg(&src)
        .status()
        .ok()?;
    let beam = std::fs::read(dir.join("girder_fixture.beam")).ok();
    let _ = std::fs::remove_dir_all(&dir);
    if status.success() {
        beam
    } else {
        None
    }
}

fn fixture() -> Option<&'static Module> {
    static MODULE: OnceLock<Option<Module>> = OnceLock::new();
    MODULE
        .get_or_init(|| compile().map(|bytes| parse_module(&bytes).expect("fixture parses")))
        .as_ref()
}

macro_rules! fixture_or_skip {
    () => {
        match fixture() {
            Some(m) => m,
            None => {
                eprintln!("skipped: erlc is not available");
                return;
            }
        }
    };
}

fn function<'m>(m: &'m Module, name: &str, arity: u32) -> &'m Function {
    m.function(name, arity)
        .unwrap_or_else(|| panic!("{name}/{arity} missing"))
}

fn find(f: &Function, op: Opcode) -> Vec<&Instr> {
    f.instrs.iter().filter(|i| i.op == op).collect()
}

fn atom_name(m: &Module, op: &Operand) -> Option<String> {
    match op {
        Operand::Atom(i) => m.atom(*i).map(str::to_string),
        _ => None,
    }
}

#[test]
fn tables() {
    let m = fixture_or_skip!();
    assert_eq!(m.name, "girder_fixture");
    assert_eq!(m.atoms[0], "girder_fixture");
    let mut exports: Vec<(String, u32)> = m
        .exports
        .iter()
        .map(|e| (e.function.clone(), e.arity))
        .collect();
    exports.sort();
    assert_eq!(exports.len(), 12);
    assert!(exports.contains(&("module_info".to_string(), 1)));
    assert!(m.locals.iter().any(|l| l.function == "-mk/1-fun-0-"));
    assert_eq!(m.lambdas.len(), 1);
    let lambda = &m.lambdas[0];
    assert_eq!(
        (lambda.function.as_str(), lambda.arity, lambda.num_free),
        ("-mk/1-fun-0-", 2, 1)
    );
    assert_eq!(
        m.function_by_entry(lambda.label).map(|f| f.name.as_str()),
        Some("-mk/1-fun-0-")
    );
    assert_eq!(m.strings, b"abc");
    // Compile info and attributes are decoded property lists.
    let info = m
        .compile_info
        .as_ref()
        .and_then(ETerm::proper_list)
        .unwrap();
    assert!(info
        .iter()
        .any(|t| t.as_tuple().and_then(|t| t[0].as_atom()) == Some("version")));
    let attrs = m.attributes.as_ref().and_then(ETerm::proper_list).unwrap();
    assert!(attrs
        .iter()
        .any(|t| t.as_tuple().and_then(|t| t[0].as_atom()) == Some("vsn")));
    assert!(!m.types.is_empty());
    assert_eq!(m.types[0].type_union, type_bits::ANY);
}

#[test]
fn big_integer_operands() {
    let m = fixture_or_skip!();
    let test = find(function(m, "big", 1), Opcode::IsEqExact);
    let Operand::BigInt(b) = &test[0].args[2] else {
        panic!("big integer expected: {:?}", test[0].args);
    };
    assert_eq!(b.to_string(), "123456789012345678901234567890");
    let mv = find(function(m, "neg_big", 0), Opcode::Move);
    let Operand::BigInt(b) = &mv[0].args[0] else {
        panic!("big integer expected: {:?}", mv[0].args);
    };
    assert!(b.negative);
    assert_eq!(b.to_string(), "-98765432109876543210");
}

#[test]
fn typed_registers_and_integers() {
    let m = fixture_or_skip!();
    let bifs = find(function(m, "small", 1), Opcode::GcBif2);
    assert_eq!(bifs.len(), 2);
    assert_eq!(bifs[0].args[3], Operand::X(0));
    assert_eq!(bifs[0].args[4], Operand::Integer(1000000));
    let Operand::TypedReg { reg, type_index } = &bifs[1].args[3] else {
        panic!("typed register expected: {:?}", bifs[1].args);
    };
    assert_eq!(**reg, Operand::X(0));
    let t = &m.types[*type_index as usize];
    assert_eq!(t.type_union, type_bits::INTEGER | type_bits::FLOAT);
    assert_eq!(bifs[1].args[4], Operand::Integer(7));
    assert_eq!(atom_name(m, &bifs[1].args[0]), None); // fail label, not atom
    assert_eq!(bifs[1].args[0], Operand::Label(0));
}

#[test]
fn floats_and_alloc_lists() {
    let m = fixture_or_skip!();
    let f = function(m, "flt", 1);
    let fmoves = find(f, Opcode::Fmove);
    let Operand::Literal(i) = fmoves[1].args[0] else {
        panic!("literal float expected: {:?}", fmoves[1].args);
    };
    assert_eq!(m.literals[i as usize], ETerm::Float(2.5));
    assert_eq!(fmoves[1].args[1], Operand::FReg(1));
    assert_eq!(find(f, Opcode::Fmul)[0].args[3], Operand::FReg(0));
    let heap = find(f, Opcode::TestHeap);
    assert_eq!(
        heap[0].args[0],
        Operand::AllocList(Box::new(vec![(0, 0), (1, 1), (2, 0)]))
    );
}

#[test]
fn select_val_lists() {
    let m = fixture_or_skip!();
    let selects = find(function(m, "sel", 1), Opcode::SelectVal);
    let ints = selects
        .iter()
        .find(|s| matches!(&s.args[2], Operand::List(l) if l.contains(&Operand::Integer(-4))))
        .expect("integer select_val");
    let Operand::List(items) = &ints.args[2] else {
        unreachable!()
    };
    assert_eq!(items.len(), 8);
    assert!(items
        .chunks(2)
        .all(|p| matches!(p, [Operand::Integer(_), Operand::Label(l)] if *l > 0)));
}

#[test]
fn lists_funs_and_binaries() {
    let m = fixture_or_skip!();
    let put = find(function(m, "tup", 1), Opcode::PutTuple2);
    assert_eq!(
        put[0].args[1],
        Operand::List(Box::new(vec![Operand::X(0), Operand::X(0), Operand::X(1)]))
    );
    let make = find(function(m, "mk", 1), Opcode::MakeFun3);
    assert_eq!(make[0].args[0], Operand::Unsigned(0)); // lambda index
    assert_eq!(
        make[0].args[2],
        Operand::List(Box::new(vec![Operand::X(0)]))
    );
    let create = find(function(m, "bin", 2), Opcode::BsCreateBin);
    let Operand::List(segments) = &create[0].args[5] else {
        panic!("segment list expected");
    };
    assert_eq!(segments.len(), 24);
    assert_eq!(atom_name(m, &segments[0]).as_deref(), Some("integer"));
    assert_eq!(segments[3], Operand::Nil);
    assert!(segments.iter().any(
        |s| matches!(s, Operand::Literal(i) if m.literals[*i as usize]
            == ETerm::List(vec![ETerm::Atom("little".into())], Box::new(ETerm::Nil)))
    ));
}

#[test]
fn literal_terms_and_lines() {
    let m = fixture_or_skip!();
    let f = function(m, "lit", 0);
    let mv = find(f, Opcode::Move);
    let Operand::Literal(i) = mv[0].args[0] else {
        panic!("literal expected");
    };
    let ETerm::Tuple(items) = &m.literals[i as usize] else {
        panic!("tuple literal expected");
    };
    assert_eq!(items[0], ETerm::String(vec![1, 2, 3]));
    assert_eq!(items[1], ETerm::String(b"string".to_vec()));
    assert_eq!(items[2], ETerm::Binary(b"bin".to_vec()));
    assert_eq!(
        items[3],
        ETerm::Map(vec![(ETerm::Atom("a".into()), ETerm::Int(1))])
    );
    assert_eq!(items[4], ETerm::Float(3.25));
    // lit/0 is on line 21 of the source.
    let Operand::Unsigned(item) = find(f, Opcode::Line)[0].args[0] else {
        panic!("line operand expected");
    };
    let (file, line) = m.lines.location(item).unwrap();
    assert!(file.ends_with("girder_fixture.erl"), "{file}");
    assert_eq!(line, 21);
    assert_eq!(m.lines.items[0], Default::default());
}

#[test]
fn receive_loop() {
    let m = fixture_or_skip!();
    let f = function(m, "recv", 0);
    let ops: Vec<Opcode> = f.instrs.iter().map(|i| i.op).collect();
    for op in [
        Opcode::LoopRec,
        Opcode::IsTaggedTuple,
        Opcode::RemoveMessage,
        Opcode::LoopRecEnd,
        Opcode::WaitTimeout,
        Opcode::Timeout,
    ] {
        assert!(ops.contains(&op), "{op} missing");
    }
    let wait = find(f, Opcode::WaitTimeout);
    assert_eq!(wait[0].args[1], Operand::Integer(100));
}
