//! The verifier: OTP's own modules pass; each kind of corruption, made in
//! the IR of a real module, is rejected with a report naming it.

use girder_loader::{parse_module, verify, Instr, Module, Opcode, Operand};

fn otp(path: &str) -> Option<Module> {
    let bytes = std::fs::read(format!("/usr/lib/erlang/lib/{path}")).ok()?;
    Some(parse_module(&bytes).expect("OTP module verifies"))
}

fn lists() -> Option<Module> {
    let m = otp("stdlib-4.2/ebin/lists.beam");
    if m.is_none() {
        eprintln!("OTP not installed; skipping");
    }
    m
}

/// The first instruction satisfying `pred`: (function, index).
fn find(m: &Module, pred: impl Fn(&[Instr], usize) -> bool) -> (usize, usize) {
    for (fi, f) in m.functions.iter().enumerate() {
        for i in 0..f.instrs.len() {
            if pred(&f.instrs, i) {
                return (fi, i);
            }
        }
    }
    panic!("no such instruction");
}

fn rejected(m: &Module, what: &str) {
    match verify(m) {
        Ok(()) => panic!("accepted a module with {what}"),
        Err(e) => assert!(e.msg.contains(what), "{what}: got {e}"),
    }
}

#[test]
fn otp_modules_verify() {
    let Some(m) = lists() else { return };
    verify(&m).unwrap();
    for p in [
        "stdlib-4.2/ebin/gen_server.beam",
        "stdlib-4.2/ebin/maps.beam",
        "kernel-8.5.3/ebin/file.beam",
        "erts-13.1.5/ebin/erlang.beam",
    ] {
        assert!(otp(p).is_some(), "{p}");
    }
}

#[test]
fn labels() {
    let Some(m) = lists() else { return };
    // A jump to a label of another function.
    let (fi, i) = find(&m, |is, i| is[i].op == Opcode::Jump);
    let other = m.functions[(fi + 1) % m.functions.len()].entry_label;
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[0] = Operand::Label(other);
    rejected(&bad, "is not in this function");
    // A label defined twice.
    let mut bad = m.clone();
    let dup = bad.functions[0].instrs[0].clone();
    bad.functions[1].instrs.insert(4, dup);
    rejected(&bad, "defined twice");
    // A local call whose label is not a function entry.
    let (fi, i) = find(&m, |is, i| is[i].op == Opcode::CallOnly);
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[1] = Operand::Label(m.functions[0].entry_label - 1);
    rejected(&bad, "not the entry label of a function");
    // An export of a label that is no function entry.
    let mut bad = m.clone();
    bad.exports[0].label = m.functions[0].entry_label - 1;
    rejected(&bad, "which is not the entry of");
    // A backward jump (a loop that never yields).
    let (fi, i) = find(&m, |is, i| is[i].op == Opcode::Jump);
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[0] = Operand::Label(m.functions[fi].entry_label);
    rejected(&bad, "backward jump");
}

#[test]
fn operand_kinds_and_indexes() {
    let Some(m) = lists() else { return };
    let (fi, i) = find(&m, |is, i| is[i].op == Opcode::Move);
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[1] = Operand::Nil;
    rejected(&bad, "not a destination register");
    let (fi, i) = find(&m, |is, i| is[i].op == Opcode::CallExt);
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[1] = Operand::Unsigned(99_999);
    rejected(&bad, "not an import index");
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[0] = Operand::Unsigned(7);
    rejected(&bad, "with another arity");
    let (fi, i) = find(&m, |is, i| is[i].op == Opcode::TestHeap);
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[1] = Operand::Unsigned(5000);
    rejected(&bad, "count 5000 is over 1024");
}

#[test]
fn select_lists() {
    let Some(m) = lists() else { return };
    let (fi, i) = find(&m, |is, i| is[i].op == Opcode::SelectVal);
    let Operand::List(items) = m.functions[fi].instrs[i].args[2].clone() else {
        panic!("select_val list");
    };
    let mut dup = items.clone();
    dup.extend_from_slice(&items[..2]);
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[2] = Operand::List(dup);
    rejected(&bad, "a value twice");
    let mut odd = items.clone();
    odd.pop();
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[2] = Operand::List(odd);
    rejected(&bad, "odd length");
}

#[test]
fn frames() {
    let Some(m) = lists() else { return };
    // A y register beyond the frame.
    let (fi, i) = find(&m, |is, i| {
        is[i].op == Opcode::Move && matches!(is[i].args[1], Operand::Y(_))
    });
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[1] = Operand::Y(900);
    rejected(&bad, "y(900) is outside the frame");
    // `deallocate` of the wrong size before `return`.
    let (fi, i) = find(&m, |is, i| {
        is[i].op == Opcode::Deallocate && is.get(i + 1).is_some_and(|n| n.op == Opcode::Return)
    });
    let mut bad = m.clone();
    let Operand::Unsigned(n) = bad.functions[fi].instrs[i].args[0] else {
        panic!("deallocate operand")
    };
    bad.functions[fi].instrs[i].args[0] = Operand::Unsigned(n + 1);
    rejected(&bad, "slots here, not");
    // `return` with the frame still allocated.
    let mut bad = m.clone();
    bad.functions[fi].instrs.remove(i);
    rejected(&bad, "slots here, not 0");
    // Control falling off the end of a function.
    let fi = m
        .functions
        .iter()
        .position(|f| f.instrs.last().is_some_and(|l| l.op == Opcode::Return))
        .unwrap();
    let mut bad = m.clone();
    bad.functions[fi].instrs.pop();
    rejected(&bad, "falls off the end");
}

#[test]
fn report_names_function_and_instruction() {
    let Some(m) = lists() else { return };
    let (fi, i) = find(&m, |is, i| is[i].op == Opcode::Move);
    let mut bad = m.clone();
    bad.functions[fi].instrs[i].args[1] = Operand::Nil;
    let e = verify(&bad).unwrap_err();
    let f = &m.functions[fi];
    let want = format!("function lists:{}/{}: op move ", f.name, f.arity);
    assert!(e.msg.starts_with(&want), "{e}");
}

#[test]
fn trim_under_a_catch() {
    let Some(m) = otp("stdlib-4.2/ebin/gen_server.beam") else {
        return;
    };
    // A function that allocates a frame of N slots, then sets a catch.
    let (fi, i) = find(&m, |is, i| {
        is[i].op == Opcode::Try && is[..i].iter().any(|p| p.op == Opcode::Allocate)
    });
    let f = &m.functions[fi];
    let alloc = f.instrs[..i]
        .iter()
        .rev()
        .find(|p| p.op == Opcode::Allocate)
        .unwrap();
    let mut bad = m.clone();
    let trim = Instr {
        op: Opcode::Trim,
        args: vec![Operand::Unsigned(0), alloc.args[0].clone()].into(),
    };
    bad.functions[fi].instrs.insert(i + 1, trim);
    rejected(&bad, "trim while a catch is active");
}
