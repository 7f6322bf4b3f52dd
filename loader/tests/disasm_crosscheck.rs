//! Compares the loader's decoding with OTP's own `beam_disasm` on every
//! installed OTP module (skipped when `erl` is not available).

mod common;

use std::collections::BTreeMap;

use girder_loader::{parse_module, Instr, Opcode, Operand};

/// Prints `E name arity label` for exports and
/// `F name arity entry count op,op,...` for functions, with beam_disasm's
/// `test`/`bif`/`gc_bif`/`arithfbif` forms mapped back to generic opcode names.
const SCRIPT: &str = r#"
Norm = fun({test,Op,_,_}) -> Op; ({test,Op,_,_,_}) -> Op; ({test,Op,_,_,_,_}) -> Op;
          ({bif,_,_,Args,_}) -> list_to_atom("bif" ++ integer_to_list(length(Args)));
          ({gc_bif,_,_,_,Args,_}) -> list_to_atom("gc_bif" ++ integer_to_list(length(Args)));
          ({arithfbif,Op,_,_,_}) -> Op;
          (T) when is_tuple(T) -> element(1,T); (A) when is_atom(A) -> A end,
Dump = fun(File) ->
  {beam_file,_M,Exp,_,_,Code} = beam_disasm:file(File),
  io:format("M\t~ts~n", [File]),
  [io:format("E\t~ts\t~b\t~b~n",[N,A,L]) || {N,A,L} <- Exp],
  [io:format("F\t~ts\t~b\t~b\t~b\t~ts~n",
     [N,A,E,length(Is), lists:join(",", [atom_to_list(Norm(I)) || I <- Is])])
   || {function,N,A,E,Is} <- Code]
end,
[Dump(F) || F <- FILES],
halt().
"#;

#[derive(Default, Debug)]
struct Expected {
    exports: Vec<(String, u32, u32)>,
    /// (name, arity, entry) -> (instruction count, sorted op names)
    functions: BTreeMap<(String, u32, u32), (usize, Vec<String>)>,
}

fn parse_dump(text: &str) -> BTreeMap<String, Expected> {
    let mut out: BTreeMap<String, Expected> = BTreeMap::new();
    let mut current = String::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["M", file] => current = file.to_string(),
            ["E", name, arity, label] => {
                let e = out.entry(current.clone()).or_default();
                e.exports.push((
                    name.to_string(),
                    arity.parse().unwrap(),
                    label.parse().unwrap(),
                ));
            }
            ["F", name, arity, entry, count, ops] => {
                let mut ops: Vec<String> = ops.split(',').map(str::to_string).collect();
                ops.sort();
                let e = out.entry(current.clone()).or_default();
                e.functions.insert(
                    (
                        name.to_string(),
                        arity.parse().unwrap(),
                        entry.parse().unwrap(),
                    ),
                    (count.parse().unwrap(), ops),
                );
            }
            _ => {}
        }
    }
    out
}

fn op_names(instrs: &[Instr]) -> Vec<String> {
    let mut names: Vec<String> = instrs.iter().map(|i| i.op.name().to_string()).collect();
    names.sort();
    names
}

#[test]
fn matches_beam_disasm() {
    if !common::have_erl() {
        eprintln!("skipped: erl is not on PATH");
        return;
    }
    let files: Vec<String> = common::otp_beam_files()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    if files.is_empty() {
        eprintln!("skipped: OTP modules not found");
        return;
    }
    let list = files
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(",");
    let script = SCRIPT.replace("FILES", &format!("[{list}]"));
    let dump = common::erl_eval(&script).expect("erl runs beam_disasm");
    let expected = parse_dump(&dump);
    assert_eq!(
        expected.len(),
        files.len(),
        "beam_disasm output for every file"
    );

    let mut checked_functions = 0;
    for file in &files {
        let want = &expected[file];
        let module = parse_module(&std::fs::read(file).unwrap()).unwrap();

        let mut got_exports: Vec<(String, u32, u32)> = module
            .exports
            .iter()
            .map(|e| (e.function.clone(), e.arity, e.label))
            .collect();
        let mut want_exports = want.exports.clone();
        got_exports.sort();
        want_exports.sort();
        assert_eq!(got_exports, want_exports, "exports of {file}");

        assert_eq!(module.functions.len(), want.functions.len(), "{file}");
        for f in &module.functions {
            let key = (f.name.clone(), f.arity, f.entry_label);
            let Some((count, ops)) = want.functions.get(&key) else {
                panic!("{file}: {key:?} not in beam_disasm output");
            };
            assert_eq!(
                f.instrs.len(),
                *count,
                "{file}: instruction count of {key:?}"
            );
            assert_eq!(&op_names(&f.instrs), ops, "{file}: opcodes of {key:?}");
            checked_functions += 1;
        }
    }
    println!(
        "cross-checked {} modules, {checked_functions} functions",
        files.len()
    );
}

/// Operand details checked against known disassembly of `lists:keyfind/3`
/// and `lists:keymember/3` (both start the module).
#[test]
fn lists_first_functions() {
    let Some(path) = common::otp_module("lists") else {
        eprintln!("skipped: lists.beam not found");
        return;
    };
    let module = parse_module(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(module.name, "lists");
    let f = &module.functions[0];
    assert_eq!((f.name.as_str(), f.arity, f.entry_label), ("keyfind", 3, 2));
    let ops: Vec<Opcode> = f.instrs.iter().map(|i| i.op).collect();
    assert_eq!(
        ops,
        [
            Opcode::Label,
            Opcode::Line,
            Opcode::FuncInfo,
            Opcode::Label,
            Opcode::Move,
            Opcode::Line,
            Opcode::CallExtOnly
        ]
    );
    let lists_atom = |op: &Operand| match op {
        Operand::Atom(i) => module.atom(*i).map(str::to_string),
        _ => None,
    };
    assert_eq!(lists_atom(&f.instrs[2].args[0]).as_deref(), Some("lists"));
    assert_eq!(lists_atom(&f.instrs[2].args[1]).as_deref(), Some("keyfind"));
    assert_eq!(f.instrs[2].args[2], Operand::Unsigned(3));
    assert_eq!(lists_atom(&f.instrs[4].args[0]).as_deref(), Some("undef"));
    assert_eq!(f.instrs[4].args[1], Operand::X(0));
    // call_ext_only 1, import erlang:nif_error/1
    assert_eq!(f.instrs[6].args[0], Operand::Unsigned(1));
    let Operand::Unsigned(import) = f.instrs[6].args[1] else {
        panic!("import index expected");
    };
    let import = &module.imports[import as usize];
    assert_eq!(
        (
            import.module.as_str(),
            import.function.as_str(),
            import.arity
        ),
        ("erlang", "nif_error", 1)
    );
    // The line items point into lists.erl.
    let Operand::Unsigned(item) = f.instrs[1].args[0] else {
        panic!("line item expected");
    };
    let (file, line) = module.lines.location(item).unwrap();
    assert!(file.ends_with("lists.erl"), "{file}");
    assert!(line > 0);
}
