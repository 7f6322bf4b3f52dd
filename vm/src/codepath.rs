//! The code path and loading modules on first call: `-pa` directories, the
//! current directory, the OTP installation's `lib/*/ebin` (preloaded
//! modules included), then `-pz` directories.

use girder_runtime::code::hooks::LoadFailure;
use girder_runtime::code::module;
use girder_runtime::code::prepared::{self, Prepared};
use girder_runtime::term::atom;
use girder_runtime::term::Term;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub struct CodePath {
    pub dirs: Vec<PathBuf>,
    pub opts: girder_jit::Options,
}

static PATH: OnceLock<CodePath> = OnceLock::new();

thread_local! {
    /// Set while `prepare_bytes` runs the loader under `catch_unwind`: a
    /// panic there is a load failure, not the VM's end (the panic hook
    /// leaves the terminal alone).
    pub static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
static LOAD_LOCK: Mutex<()> = Mutex::new(());

/// The OTP installation: `$ERL_ROOTDIR`, else where `erl` on PATH lives,
/// else /usr/lib/erlang.
pub fn otp_root() -> PathBuf {
    if let Ok(r) = std::env::var("ERL_ROOTDIR") {
        return PathBuf::from(r);
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for d in std::env::split_paths(&paths) {
            let erl = d.join("erl");
            if let Ok(real) = std::fs::canonicalize(&erl) {
                // .../lib/erlang/bin/erl -> .../lib/erlang
                if let Some(root) = real.parent().and_then(|b| b.parent()) {
                    if root.join("lib").is_dir() {
                        return root.to_path_buf();
                    }
                }
            }
        }
    }
    PathBuf::from("/usr/lib/erlang")
}

/// erts' `bin` directory (`$ROOT/erts-V/bin`, erlexec's `BINDIR`), else
/// `$ROOT/bin`.
pub fn erts_bindir(root: &Path) -> PathBuf {
    let found = std::fs::read_dir(root).ok().and_then(|rd| {
        rd.filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("erts-"))
            })
            .max()
    });
    found.map_or_else(|| root.join("bin"), |p| p.join("bin"))
}

/// OTP's ebin directories, preloaded (erts) first.
pub fn otp_ebins(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(root.join("lib")) else {
        return out;
    };
    let mut libs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    libs.sort();
    for l in libs {
        let ebin = l.join("ebin");
        if ebin.is_dir() {
            let erts = l
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("erts-"));
            if erts {
                out.insert(0, ebin);
            } else {
                out.push(ebin);
            }
        }
    }
    out
}

pub fn install(cp: CodePath) {
    let _ = PATH.set(cp);
}

pub fn find(module: &str) -> Option<PathBuf> {
    let cp = PATH.get()?;
    let file = format!("{module}.beam");
    cp.dirs.iter().map(|d| d.join(&file)).find(|p| p.is_file())
}

/// erl's loader report for a module it rejects (`beam_load_report_error`
/// in `beam_load.c`, sent to the logger as `"~s~n"` with this text):
/// `beam/beam_load.c(Line): Error loading module M:\n  Reason\n`. The
/// classes BEAM's reader tells apart (`LoadError::kind`: file header,
/// missing or corrupt tables) and a wrong module name get erl's exact
/// text; what BEAM finds in the instructions, girder's verifier words
/// itself (`Error loading function M:F/A: op ...:\n  why`), without
/// erl's C file name.
fn report(name: &str, e: &girder_loader::LoadError) -> String {
    let m = girder_runtime::data::display::atom_display(name);
    if let Some((line, why)) = e.kind.erl_reason() {
        return format!("beam/beam_load.c({line}): Error loading module {m}:\n  {why}\n");
    }
    if let Some(rest) = e.msg.strip_prefix("function ") {
        // "M:F/A: op NAME ARGS: why"
        if let Some(op) = rest.find(": op ") {
            let after = op + ": op ".len();
            if let Some(colon) = rest[after..].find(": ") {
                let (head, why) = rest.split_at(after + colon);
                return format!("Error loading function {head}:\n  {}\n", &why[2..]);
            }
        }
        return format!("Error loading function {rest}\n");
    }
    girder_report(&m, &e.msg)
}

/// A module-level report in erl's layout for a reason only girder has.
fn girder_report(m: &str, why: &str) -> String {
    format!("Error loading module {m}:\n  {why}\n")
}

/// Parses, verifies and prepares the `.beam` image `bytes`, which must
/// define module `expected` (`erlang:prepare_loading/2`'s work; nothing is
/// published). A module that fails is `Err` with erl's report text
/// (`report`). A panic while compiling (a bug: the verifier should have
/// rejected the module) is caught here and is a failure like any other,
/// so it never unwinds into the runtime's `extern "C"` callers.
fn prepare_bytes(
    expected: Term,
    bytes: &[u8],
    opts: &girder_jit::Options,
) -> Result<Prepared, String> {
    let name = atom::name(expected);
    let was = CATCHING.with(|c| c.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let m = girder_jit::parse_module(bytes).map_err(|e| report(name, &e))?;
        if atom::intern(&m.name) != expected {
            let found = girder_runtime::data::display::atom_display(&m.name);
            return Err(format!(
                "beam/beam_load.c(180): Error loading module {}:\n  module name in object code is {found}\n",
                girder_runtime::data::display::atom_display(name)
            ));
        }
        let name_shown = girder_runtime::data::display::atom_display(name);
        girder_jit::prepare_module(m, opts).map_err(|e| girder_report(&name_shown, &e.to_string()))
    }));
    CATCHING.with(|c| c.set(was));
    r.unwrap_or_else(|_| {
        Err(girder_report(
            &girder_runtime::data::display::atom_display(name),
            "the compiler failed (internal error)",
        ))
    })
}

/// The runtime's `load_module` hook: loads `m` from the code path (the
/// loads girder makes itself, without a code server); an on_load
/// function then runs natively at the first call.
pub fn load_module(m: Term) -> Result<(), LoadFailure> {
    let _guard = LOAD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if module::get(m).is_some() || module::on_load_version(m).is_some() {
        return Ok(());
    }
    let path = find(atom::name(m)).ok_or(LoadFailure::NoFile)?;
    let cp = PATH.get().ok_or(LoadFailure::NoFile)?;
    let bytes = std::fs::read(&path).map_err(|_| LoadFailure::NoFile)?;
    // No process asked for this load (the boot's preloaded modules, the
    // system processes' and the error handler's): the report goes to
    // stderr, as erts writes what it cannot send to a logger.
    let p = prepare_bytes(m, &bytes, &cp.opts).map_err(|report| {
        eprint!("{report}");
        LoadFailure::BadFile
    })?;
    if let Some(published) = p.publish() {
        prepared::finish(published, true);
    }
    Ok(())
}

/// The runtime's preparer (`erts_internal:prepare_loading/2`): `bytes`
/// must be a `.beam` image of module `expected`; `Err` holds erl's report,
/// which the caller sends to the logger.
pub fn prepare(expected: Term, bytes: &[u8]) -> Result<Prepared, String> {
    let cp = PATH.get().ok_or("code path not set")?;
    prepare_bytes(expected, bytes, &cp.opts)
}
