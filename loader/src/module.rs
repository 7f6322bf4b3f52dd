//! The module IR and `parse_module`, which assembles it from the chunks.

use crate::chunks::{find, maybe_gunzip, read_chunks, Chunk};
use crate::code::{decode_instructions, parse_header, CodeHeader, OperandContext};
use crate::error::{fail_as, Kind, LoadError};
use crate::etf::decode_etf;
use crate::functions::{split_functions, Function};
use crate::lines::{parse_lines, LineTable};
use crate::literals::parse_literals;
use crate::tables::{
    parse_atoms, parse_exports, parse_imports, parse_lambdas, Export, Import, Lambda,
};
use crate::term::ETerm;
use crate::types::{parse_types, TypeInfo};

/// A parsed BEAM module: every table plus the code split into functions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Module {
    /// Module name (atom 1).
    pub name: String,
    /// `atoms[0]` is atom index 1 (the module name); a compact-term atom
    /// index `i` maps to `atoms[i - 1]` (index 0 is `[]`).
    pub atoms: Vec<String>,
    /// Position = import index used by `call_ext` etc.
    pub imports: Vec<Import>,
    pub exports: Vec<Export>,
    pub locals: Vec<Export>,
    pub lambdas: Vec<Lambda>,
    /// `LitT` entries (`Operand::Literal(i)` indexes this), followed by any
    /// old-style float operands the code contained.
    pub literals: Vec<ETerm>,
    /// `StrT` (used by `bs_put_string`, `bs_match_string`).
    pub strings: Vec<u8>,
    /// `Attr` chunk, decoded.
    pub attributes: Option<ETerm>,
    /// `CInf` chunk, decoded.
    pub compile_info: Option<ETerm>,
    pub lines: LineTable,
    /// `Type` chunk (empty when absent).
    pub types: Vec<TypeInfo>,
    /// From the `Code` header: every label is below this.
    pub label_count: u32,
    pub functions: Vec<Function>,
    /// BEAM's module checksum (`module_info(md5)`, funs' `new_uniq`).
    pub checksum: [u8; 16],
}

impl Module {
    /// The text of a compact-term atom index (1-based).
    pub fn atom(&self, index: u32) -> Option<&str> {
        let i = usize::try_from(index).ok()?.checked_sub(1)?;
        self.atoms.get(i).map(String::as_str)
    }

    /// The function whose entry label is `label`.
    pub fn function_by_entry(&self, label: u32) -> Option<&Function> {
        self.functions.iter().find(|f| f.entry_label == label)
    }

    /// The function with this name and arity.
    pub fn function(&self, name: &str, arity: u32) -> Option<&Function> {
        self.functions
            .iter()
            .find(|f| f.arity == arity && f.name == name)
    }
}

/// Parses a `.beam` file (plain, or gzip-compressed as the runtime also
/// accepts) and verifies it ([`crate::verify`]): what it returns is safe
/// to give the JIT.
pub fn parse_module(bytes: &[u8]) -> Result<Module, LoadError> {
    parse_module_with_header(bytes).map(|(m, _)| m)
}

/// Like [`parse_module`], also returning the `Code` chunk header.
pub fn parse_module_with_header(bytes: &[u8]) -> Result<(Module, CodeHeader), LoadError> {
    let (m, header) = parse_unverified(bytes)?;
    crate::verify::verify(&m)?;
    Ok((m, header))
}

/// Parses without the verifier's checks (for tools and tests that look at
/// modules the JIT never sees).
pub fn parse_module_unverified(bytes: &[u8]) -> Result<Module, LoadError> {
    parse_unverified(bytes).map(|(m, _)| m)
}

fn parse_unverified(bytes: &[u8]) -> Result<(Module, CodeHeader), LoadError> {
    match maybe_gunzip(bytes).map_err(|e| e.of_kind(Kind::FileHeader))? {
        Some(inflated) => parse_with_header(&inflated),
        None => parse_with_header(bytes),
    }
}

fn decode_optional_term(chunks: &[Chunk<'_>], id: &[u8; 4]) -> Result<Option<ETerm>, LoadError> {
    match find(chunks, id) {
        Some(data) if !data.is_empty() => {
            let name = String::from_utf8_lossy(id).into_owned();
            decode_etf(data)
                .map(Some)
                .map_err(|e| e.context(&format!("{name} chunk")))
        }
        _ => Ok(None),
    }
}

fn parse_with_header(bytes: &[u8]) -> Result<(Module, CodeHeader), LoadError> {
    let chunks = read_chunks(bytes).map_err(|e| e.of_kind(Kind::FileHeader))?;
    let (mut module, header, code) = parse_tables_of(&chunks)?;
    decode_code(&mut module, code)?;
    Ok((module, header))
}

/// Completes the module `tables` that [`parse_module_tables`] made from
/// this same image: decodes and splits its instructions and verifies it,
/// as [`parse_module`] does after the tables (which are not parsed again:
/// the code cache parses them first to look for the image's index).
pub fn parse_module_code(bytes: &[u8], tables: Module) -> Result<Module, LoadError> {
    let inflated = maybe_gunzip(bytes).map_err(|e| e.of_kind(Kind::FileHeader))?;
    let chunks = read_chunks(inflated.as_deref().unwrap_or(bytes))
        .map_err(|e| e.of_kind(Kind::FileHeader))?;
    let Some(code) = find(&chunks, b"Code") else {
        return fail_as(Kind::MissingCode, "missing Code chunk");
    };
    let (_, code) = parse_header(code).map_err(|e| e.of_kind(Kind::CorruptCode))?;
    let mut module = tables;
    decode_code(&mut module, code)?;
    crate::verify::verify(&module)?;
    Ok(module)
}

/// Decodes the instruction bytes `code` of `module` (whose tables are
/// parsed) into its functions.
fn decode_code(module: &mut Module, code: &[u8]) -> Result<(), LoadError> {
    let mut ctx = OperandContext {
        atom_count: module.atoms.len(),
        label_count: module.label_count,
        literals: &mut module.literals,
        type_count: module.types.len(),
        line_items: (!module.lines.items.is_empty()).then_some(module.lines.items.len()),
    };
    let instrs = decode_instructions(code, &mut ctx)?;
    module.functions = split_functions(instrs, &module.atoms)?;
    // OTP 24's binary construction as OTP 25's bs_create_bin.
    crate::legacy_bs::rewrite(module);
    Ok(())
}

/// Parses every chunk of a `.beam` image except the instruction stream:
/// the returned module has no functions, and its literals are the `LitT`
/// entries only (old-style float operands are found while decoding code).
/// Nothing is verified. For a user that has this exact image's functions
/// from elsewhere (the JIT's code cache, which stores them only for
/// images that parsed and verified).
pub fn parse_module_tables(bytes: &[u8]) -> Result<(Module, CodeHeader), LoadError> {
    let inflated = maybe_gunzip(bytes).map_err(|e| e.of_kind(Kind::FileHeader))?;
    let chunks = read_chunks(inflated.as_deref().unwrap_or(bytes))
        .map_err(|e| e.of_kind(Kind::FileHeader))?;
    parse_tables_of(&chunks).map(|(m, h, _)| (m, h))
}

/// Every table of the module, and the `Code` chunk's instruction bytes.
/// The tables BEAM's reader checks are checked in its order (code, atoms,
/// imports, exports, lambdas, literals, lines, types), each failure
/// classified as it classifies it, so the first error is the one erl
/// reports.
fn parse_tables_of<'a>(chunks: &[Chunk<'a>]) -> Result<(Module, CodeHeader, &'a [u8]), LoadError> {
    let as_kind = |k: Kind| move |e: LoadError| e.of_kind(k);
    let Some(code) = find(chunks, b"Code") else {
        return fail_as(Kind::MissingCode, "missing Code chunk");
    };
    let (header, code) = parse_header(code).map_err(as_kind(Kind::CorruptCode))?;
    let atoms = match (find(chunks, b"AtU8"), find(chunks, b"Atom")) {
        (Some(data), _) => parse_atoms(data, true),
        (None, Some(data)) => parse_atoms(data, false),
        (None, None) => {
            return fail_as(
                Kind::MissingAtoms,
                "missing atom table (no AtU8 or Atom chunk)",
            )
        }
    }
    .map_err(as_kind(Kind::CorruptAtoms))?;
    let name = atoms.first().cloned().unwrap_or_default();
    let label_count = header.label_count;
    let Some(imports) = find(chunks, b"ImpT") else {
        return fail_as(Kind::MissingImports, "missing import table (ImpT chunk)");
    };
    let imports = parse_imports(imports, &atoms).map_err(as_kind(Kind::CorruptImports))?;
    let Some(exports) = find(chunks, b"ExpT") else {
        return fail_as(Kind::MissingExports, "missing export table (ExpT chunk)");
    };
    let exports = parse_exports(exports, &atoms, label_count, "ExpT chunk")
        .map_err(as_kind(Kind::CorruptExports))?;
    let locals = match find(chunks, b"LocT") {
        Some(data) => parse_exports(data, &atoms, label_count, "LocT chunk")?,
        None => Vec::new(),
    };
    let lambdas = match find(chunks, b"FunT") {
        Some(data) => {
            parse_lambdas(data, &atoms, label_count).map_err(as_kind(Kind::CorruptLambdas))?
        }
        None => Vec::new(),
    };
    let literals = match find(chunks, b"LitT") {
        Some(data) => parse_literals(data).map_err(as_kind(Kind::CorruptLiterals))?,
        None => Vec::new(),
    };
    let lines = match find(chunks, b"Line") {
        Some(data) => parse_lines(data, &name).map_err(as_kind(Kind::CorruptLines))?,
        None => LineTable::default(),
    };
    let types = match find(chunks, b"Type") {
        Some(data) => parse_types(data).map_err(as_kind(Kind::CorruptTypes))?,
        None => Vec::new(),
    };
    let strings = find(chunks, b"StrT").unwrap_or_default().to_vec();
    let attributes = decode_optional_term(chunks, b"Attr")?;
    let compile_info = decode_optional_term(chunks, b"CInf")?;
    let module = Module {
        name,
        atoms,
        imports,
        exports,
        locals,
        lambdas,
        literals,
        strings,
        attributes,
        compile_info,
        lines,
        types,
        label_count,
        functions: Vec::new(),
        checksum: crate::checksum::module_checksum(chunks),
    };
    Ok((module, header, code))
}
