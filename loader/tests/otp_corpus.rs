//! Loads every `.beam` file of the installed OTP and checks the structure
//! of the result.

mod common;

use girder_loader::{parse_module_with_header, Module, Opcode, Operand};

fn check_module(path: &str, module: &Module, function_count: u32) -> Vec<String> {
    let mut problems = Vec::new();
    if module.functions.len() != function_count as usize {
        problems.push(format!(
            "{path}: {} functions, Code header says {function_count}",
            module.functions.len()
        ));
    }
    for export in &module.exports {
        let ok = module.functions.iter().any(|f| {
            f.entry_label == export.label && f.name == export.function && f.arity == export.arity
        });
        if !ok {
            problems.push(format!(
                "{path}: export {}/{} label {} is no function entry",
                export.function, export.arity, export.label
            ));
        }
    }
    for function in &module.functions {
        match function.instrs.as_slice() {
            [first, ..] if first.op == Opcode::Label => {}
            _ => problems.push(format!(
                "{path}: {} does not start with a label",
                function.name
            )),
        }
        for instr in &function.instrs {
            if instr.args.len() != instr.op.arity() {
                problems.push(format!(
                    "{path}: {} has {} operands, arity is {}",
                    instr.op.name(),
                    instr.args.len(),
                    instr.op.arity()
                ));
            }
            if instr.op == Opcode::IntCodeEnd {
                problems.push(format!("{path}: int_code_end inside {}", function.name));
            }
            for arg in &instr.args {
                if let Operand::Literal(i) = arg {
                    if *i as usize >= module.literals.len() {
                        problems.push(format!("{path}: literal {i} out of range"));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn load_every_otp_beam_file() {
    let files = common::otp_beam_files();
    if files.is_empty() {
        eprintln!("skipped: no OTP installation under {}", common::OTP_ROOT);
        return;
    }
    let mut problems = Vec::new();
    let mut functions = 0usize;
    let mut instructions = 0usize;
    for path in &files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).expect("readable beam file");
        match parse_module_with_header(&bytes) {
            Ok((module, header)) => {
                functions += module.functions.len();
                instructions += module
                    .functions
                    .iter()
                    .map(|f| f.instrs.len())
                    .sum::<usize>();
                problems.extend(check_module(&name, &module, header.function_count));
            }
            Err(e) => problems.push(format!("{name}: {e}")),
        }
    }
    println!(
        "loaded {} beam files: {functions} functions, {instructions} instructions",
        files.len()
    );
    for p in problems.iter().take(50) {
        eprintln!("{p}");
    }
    assert!(problems.is_empty(), "{} problems", problems.len());
}
